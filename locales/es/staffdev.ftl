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


## La guía de zonas (contenido)
sd-guide-title = Zonas de regulación
sd-guide-lead = Qué significa cada zona y qué ayuda; lo ve el personal de todos los colegios al registrarse.
sd-guide-colour = Color (#rrggbb)
sd-guide-description = Qué significa
sd-guide-strategies = Qué ayuda
sd-guide-strategies-hint = Una estrategia por línea.
sd-guide-save = Guardar las zonas
sd-guide-saved = Las zonas están guardadas.
sd-guide-error-four-zones = La guía necesita cada una de las cuatro zonas exactamente una vez.
sd-guide-error-colour = Indique el color con # y seis dígitos hexadecimales, por ejemplo #1f7a4d.
sd-guide-error-description = Indique qué significa esta zona.
sd-guide-error-too-long = Limite este texto a { $max } caracteres.
sd-guide-error-strategies = Indique al menos una estrategia, una por línea.
sd-guide-error-strategies-long = Indique como máximo { $count } estrategias de hasta { $max } caracteres cada una.
sd-zone-what-helps = Qué ayuda en la zona { $zone }

## Aprendizaje de señas
sd-nav-signs = Aprender señas
sd-nav-sign-campuses = Señas del equipo
sd-signs-title = Aprender señas
sd-signs-lead = Aprenda las señas del colegio: mire cada una, márquela como aprendida o póngase a prueba.
sd-signs-progress = Su progreso
sd-signs-learned-of = { $learned } de { $total } señas aprendidas
sd-signs-none = Todavía no se ha añadido ninguna seña.
sd-signs-learned = Aprendida
sd-signs-mark = Marcar como aprendida
sd-signs-marked = «{ $word }» está marcada como aprendida.
sd-sign-media-of = La seña de «{ $word }»
sd-practice-start = Practicar
sd-practice-title = Practicar las señas
sd-practice-question = ¿Qué palabra es esta seña?
sd-practice-media = La seña que hay que nombrar
sd-practice-too-few = La prueba necesita al menos cuatro señas.
sd-practice-right = ¡Correcto! Es «{ $word }». Cuenta como aprendida.
sd-practice-wrong = No exactamente: esa seña es «{ $word }». Pruebe con otra.
sd-sign-campuses-title = Señas del equipo
sd-sign-campuses-lead = Cuántas de las { $total } señas ha aprendido de media el personal de cada campus.
sd-sign-campuses-none = Ningún campus tiene todavía personal con cuenta.
sd-sign-campus-staff = { $count ->
    [one] una persona
   *[other] { $count } personas
}
sd-sign-campus-average = { $average } de { $total } de media
sd-sign-error-word = Escriba la palabra de la seña.
sd-sign-error-word-taken = Otra seña ya tiene esta palabra.
sd-sign-error-description = Indique cómo se hace la seña.
sd-sign-error-too-long = Limite este texto a { $max } caracteres.
sd-sign-error-media = Una seña se muestra con una imagen (JPEG, PNG, WebP o GIF) o un vídeo (MP4 o WebM).
sd-sign-error-media-unknown = Elija una imagen o un vídeo guardado para esta seña; ese archivo no se puede usar aquí.
sd-vocabulary-title = Vocabulario de señas
sd-vocabulary-edit-title = Modificar una seña
sd-vocabulary-add = Añadir una seña
sd-vocabulary-change = Modificar la seña
sd-vocabulary-word = Palabra
sd-vocabulary-description = Cómo se hace
sd-vocabulary-media = Imagen o vídeo
sd-vocabulary-media-hint = Una imagen o un vídeo corto de la seña.
sd-vocabulary-media-kept = La seña ya tiene imagen o vídeo; elija un archivo solo para reemplazarlo.
sd-vocabulary-save = Guardar la seña
sd-vocabulary-saved = La seña está guardada.
sd-vocabulary-count = { $count ->
    [one] Una seña
   *[other] { $count } señas
}
sd-vocabulary-no-media = (todavía sin imagen)
sd-vocabulary-remove = Quitar
sd-vocabulary-removed = La seña se ha quitado.
sd-vocabulary-not-removed = No se pudo quitar la seña.

## El catálogo de contenido en las páginas de registros
sd-catalog-editors = Editar el contenido en sus editores
