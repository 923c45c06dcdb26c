# Desarrollo del personal: el marco semanal, el registro de zonas y el aprendizaje de señas.

## El marco semanal
sd-nav-frame = Marco semanal
sd-frame-title = Marco semanal
sd-frame-lead = Las notas de esta semana del equipo directivo, con las semanas anteriores debajo.
sd-frame-write = Escribir un marco
sd-frame-new-title = Nuevo marco semanal
sd-frame-edit-title = Modificar el borrador
sd-frame-week-title = Marco de la semana del { $week }
sd-frame-week-of = Semana del { $week }
sd-frame-by = Por { $author } · { $audience }
sd-frame-whole-school = Todo el colegio
sd-frame-draft = Borrador
sd-frame-drafts = Borradores
sd-frame-earlier = Otras semanas
sd-frame-none-this-week = Todavía no se ha publicado el marco de esta semana.
sd-frame-none-earlier = Todavía no hay otras semanas.
sd-frame-formal = Formal
sd-frame-recognition = Reconocimiento
sd-frame-application = Aplicación
sd-frame-management = Gestión
sd-frame-emotional = Emocional
sd-frame-week-label = Semana del (un lunes)
sd-frame-week-hint = El personal ve primero el marco de la semana en curso.
sd-frame-for = Para
sd-frame-save-draft = Guardar como borrador
sd-frame-publish = Publicar
sd-frame-change = Modificar
sd-frame-draft-saved = El borrador está guardado. El personal lo verá cuando se publique.
sd-frame-published = { $count ->
    [one] El marco está publicado; se avisó a una persona en su bandeja de entrada.
   *[other] El marco está publicado; se avisó a { $count } personas en su bandeja de entrada.
}
sd-frame-already-published = Este marco ya estaba publicado; no se avisó a nadie de nuevo.
sd-frame-error-week = Indique la semana como una fecha.
sd-frame-error-monday = Elija el lunes con el que empieza la semana.
sd-frame-error-campus = Elija un campus de este colegio, o todo el colegio.
sd-frame-error-section-empty = Escriba esta sección.
sd-frame-error-section-long = Limite esta sección a { $max } caracteres.
sd-frame-error-section-unstorable = Esta sección contiene caracteres que no se pueden guardar; vuelva a escribirla.
sd-frame-notice-subject = Se publicó el marco de la semana del { $week }
sd-frame-notice-body = { $author } publicó el marco de la semana del { $week }. Léalo aquí: { $link }

## Registro de zonas
sd-nav-zones = Registro de zona
sd-nav-zone-campuses = Zonas del equipo
sd-zone-blue = Azul
sd-zone-green = Verde
sd-zone-yellow = Amarilla
sd-zone-red = Roja
sd-zone-heading = ¿Cómo está hoy?
sd-zone-ask = Toque la zona en la que se encuentra. Solo se comparten los totales del campus, nunca su nombre.
sd-zone-latest = Último registro: { $zone } ({ $count } de { $limit } hoy).
sd-zone-add-note = Añadir una nota privada
sd-zone-note-label = Nota (solo usted puede leerla)
sd-zone-note-hint = Opcional. Nadie más ve esta nota, ni siquiera los administradores del colegio.
sd-zone-note-long = Limite la nota a { $max } caracteres.
sd-zone-note-unstorable = La nota contiene caracteres que no se pueden guardar; vuelva a escribirla.
sd-zone-unknown = Elija una de las cuatro zonas.
sd-zone-checked-in = Registrado: { $zone }. Gracias.
sd-zone-limit = { $count ->
    [one] Hoy ya se registró una vez, que es el máximo diario. Vuelva mañana.
   *[other] Hoy ya se registró { $count } veces, que es el máximo diario. Vuelva mañana.
}
sd-zones-title = Registro de zona
sd-zones-lead = Sus registros de esta semana, con sus notas privadas.
sd-zones-your-week = Su semana
sd-zones-none-this-week = Todavía no se ha registrado esta semana.
sd-zone-campuses-title = Zonas del equipo
sd-zone-campuses-lead = Registros por campus y día, en las últimas dos semanas. Un día muestra sus cifras solo cuando se registraron al menos { $count } personas, para que nadie pueda ser identificado.
sd-zone-campuses-none = Nadie se ha registrado en las últimas dos semanas.
sd-zones-no-campus = Sin campus
sd-zone-count = { $zone }: { $count }
sd-zone-too-few = Se registraron menos de { $count } personas: no se muestra.
