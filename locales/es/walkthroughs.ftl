# Visitas al aula: la visita de un director, la lista, el detalle, las páginas de
# evolución del docente y del campus, y el aviso que recibe el docente observado.

## Las siete áreas que valora un director, como nombre suelto
walk-area-attitude = Actitud
walk-area-classroom-management = Gestión del aula
walk-area-cleanliness = Limpieza
walk-area-vibes = Ambiente
walk-area-team-dynamics = Trabajo en equipo
walk-area-emergency-exit = Salida de emergencia
walk-area-lesson-plan = Planificación de la clase
walk-overall = General

## Títulos y palabras comunes
walk-list-title = Visitas de aula
walk-new-title = Nueva visita
walk-edit-title = Modificar la visita
walk-detail-title = Visita · { $teacher }
walk-trend-title = Visitas · { $name }
walk-campus-title = Visitas · { $campus }
walk-teacher = Docente
walk-classroom = Aula
walk-director = Director
walk-campus = Campus
walk-date = Fecha
walk-time = Hora
walk-ratings = Valoraciones
walk-overall-notes = Observaciones generales
walk-not-yet = Pendiente
walk-none-yet = Todavía no hay visitas.
walk-area = Área
walk-visits = Visitas
walk-average = Media
walk-when = { $weekday } { $date }, { $time }
walk-date-time = { $date }, { $time }

## El formulario
walk-draft-restored = Borrador recuperado: puedes seguir donde lo dejaste.
walk-draft-discard = Descartar el borrador
walk-form-errors = Hay respuestas que revisar; están marcadas abajo. Todo lo que escribiste sigue aquí.
walk-where-and-when = Dónde y cuándo
walk-classroom-placeholder = Empieza a escribir el aula
walk-teacher-placeholder = Escribe un nombre
walk-suggest-lesson = Horario: { $teacher } imparte { $subject } a { $class } en esta aula, de { $start } a { $end }.
walk-suggest-no-lesson = Según el horario, ahora no hay clase en { $room }. Escribe el nombre del docente.
walk-suggest-not-on-timetable = Esta aula no figura en el horario. Escribe el nombre del docente.
walk-suggest-nothing = Elige primero el aula: el horario propone quién da clase allí a esa hora.
walk-ratings-hint = 1 es deficiente, 5 es excelente.
walk-comment = Comentario
walk-comment-on = Comentario sobre { $area }
walk-save = Guardar la visita
walk-save-changes = Guardar los cambios
walk-cancel = Cancelar
walk-saved = Visita guardada. Se ha avisado al docente.
walk-changes-saved = Cambios guardados.

## Los errores del formulario
walk-error-classroom = Elige el aula en la que estás.
walk-error-classroom-long = El aula puede tener como máximo { $max } caracteres.
walk-error-classroom-control = El aula no puede contener saltos de línea ni tabulaciones.
walk-error-teacher = Elige el docente al que observaste.
walk-error-teacher-unknown = Elige un docente de la lista.
walk-error-date = Escribe la fecha de la visita, por ejemplo 2026-03-14.
walk-error-time = Escribe la hora de la visita, por ejemplo 10:35.
walk-error-date-future = Esta fecha todavía no ha llegado. Escribe el día de la visita.
walk-error-time-future = Esta hora todavía no ha llegado. Escribe cuándo fue la visita.
walk-error-rating-range = Valora { $area ->
    [attitude] la actitud
    [classroom_management] la gestión del aula
    [cleanliness] la limpieza
    [vibes] el ambiente
    [team_dynamics] el trabajo en equipo
    [emergency_exit] la salida de emergencia
    [lesson_plan] la planificación de la clase
   *[other] esta área
} del 1 al 5.
walk-error-rating-missing = Elige una valoración para { $area ->
    [attitude] la actitud
    [classroom_management] la gestión del aula
    [cleanliness] la limpieza
    [vibes] el ambiente
    [team_dynamics] el trabajo en equipo
    [emergency_exit] la salida de emergencia
    [lesson_plan] la planificación de la clase
   *[other] esta área
}.
walk-error-comment-long = El comentario sobre { $area ->
    [attitude] la actitud
    [classroom_management] la gestión del aula
    [cleanliness] la limpieza
    [vibes] el ambiente
    [team_dynamics] el trabajo en equipo
    [emergency_exit] la salida de emergencia
    [lesson_plan] la planificación de la clase
   *[other] esta área
} puede tener como máximo { $max } caracteres.
walk-error-comment-unstorable = El comentario sobre { $area ->
    [attitude] la actitud
    [classroom_management] la gestión del aula
    [cleanliness] la limpieza
    [vibes] el ambiente
    [team_dynamics] el trabajo en equipo
    [emergency_exit] la salida de emergencia
    [lesson_plan] la planificación de la clase
   *[other] esta área
} contiene caracteres que no se pueden guardar.
walk-error-notes-long = Las observaciones generales pueden tener como máximo { $max } caracteres.
walk-error-notes-unstorable = Las observaciones generales contienen caracteres que no se pueden guardar.
walk-error-reply-long = Tu respuesta puede tener como máximo { $max } caracteres.
walk-error-reply-unstorable = Tu respuesta contiene caracteres que no se pueden guardar.

## La lista
walk-list-lead = Las visitas al aula y cómo fueron.
walk-list-lead-teacher = Las visitas a tu aula. Lee cada una y confirma que la has leído.
walk-your-trend = Tu evolución
walk-terms-and-coverage = Trimestres y cobertura:
walk-all-campuses = Todos los campus
walk-all-teachers = Todos los docentes
walk-all-directors = Todos los directores
walk-from = Desde
walk-to = Hasta
walk-filter = Filtrar
walk-none-match = Ninguna visita coincide. Prueba con otro filtro.
walk-none-of-yours = Todavía nadie ha registrado una visita a tu aula.
walk-when-column = Cuándo
walk-acknowledged-column = Leída
walk-yes = Sí
walk-yes-replied = Sí, con respuesta

## Una visita
walk-when-by = { $when } · por { $director }
walk-change = Modificar
walk-average-badge = media { $average }
walk-rating-of-five = { $rating } de 5
walk-no-overall-notes = Sin observaciones generales.
walk-edit-until = Puedes modificar esta visita hasta el { $until }.
walk-acknowledgement = Confirmación de lectura
walk-acknowledged-badge = Leída
walk-acknowledged-by = por { $teacher } el { $date }.
walk-your-reply = Tu respuesta
walk-optional = (opcional)
walk-acknowledge = Confirmar lectura
walk-not-acknowledged = { $teacher } todavía no ha confirmado que leyó esta visita.
walk-delete-summary = Eliminar esta visita
walk-delete-hint = Desaparece de todas las listas y páginas; el registro se conserva.
walk-delete = Eliminar
walk-acknowledged = Gracias. El director puede ver que la has leído.
walk-already-acknowledged = Ya habías confirmado la lectura de esta visita.
walk-deleted = Visita eliminada. Ya no aparece en ningún sitio; el registro se conserva.

## La evolución de un docente
walk-trend-count = { $count ->
    [one] { $count } visita
   *[other] { $count } visitas
}
walk-trend-count-yours = { $count ->
    [one] { $count } visita a tu aula
   *[other] { $count } visitas a tu aula
}
walk-trend-heading = Media por área a lo largo del tiempo
walk-chart-title = Valoraciones de las visitas a { $name } a lo largo del tiempo
walk-chart-desc-week = Valoración media del 1 al 5 de cada una de las siete áreas, por semana. La tabla de abajo da las mismas cifras.
walk-chart-desc-month = Valoración media del 1 al 5 de cada una de las siete áreas, por mes. La tabla de abajo da las mismas cifras.
walk-chart-point = { $area }, { $period }: { $average }
walk-period-week = Semana del { $day }
walk-period-month = { $month } { $year }
walk-averages = Medias
walk-averages-note-week = Por semana, según el lunes en que empieza; la última columna cuenta todas las visitas.
walk-averages-note-month = Por mes; la última columna cuenta todas las visitas.
walk-all = Todas
walk-latest-comments = Últimos comentarios
walk-no-comments = Todavía no hay comentarios.

## Un campus
walk-campus-lead = Las visitas de este trimestre frente al anterior, y a quién no se ha visitado últimamente.
walk-terms-heading = Este trimestre frente al anterior
walk-terms-explained = Cada curso tiene dos trimestres: su primera mitad y su segunda mitad.
walk-term-first = { $year }, primer trimestre
walk-term-second = { $year }, segundo trimestre
walk-this-term = Este trimestre: { $term } ({ $start } – { $end }), { $count ->
    [one] { $count } visita
   *[other] { $count } visitas
}.
walk-last-term = Trimestre anterior: { $term }, { $count ->
    [one] { $count } visita
   *[other] { $count } visitas
}.
walk-no-last-term = No hay ningún trimestre anterior registrado.
walk-no-terms = No hay ningún curso registrado, así que no hay trimestres que comparar.
walk-last-term-column = Antes
walk-this-term-column = Ahora
walk-change-column = Cambio
walk-coverage-heading = Sin visita en los últimos { $days } días
walk-days = Días
walk-show = Mostrar
walk-error-days = Escribe un número de días del 1 al { $most }; se muestran { $days }.
walk-coverage-all = { $count ->
    [one] El único docente ha recibido una visita en los últimos { $days } días.
   *[other] Los { $count } docentes han recibido una visita en los últimos { $days } días.
}
walk-coverage-note = { $unvisited } de { $count } docentes; primero los que nunca recibieron visita, luego los de la visita más antigua.
walk-last-visit = Última visita
walk-days-ago = Días transcurridos
walk-never = Nunca

## El aviso al docente observado
walk-notice-subject = Visita al aula { $classroom } del { $day } de { $month } de { $year }
walk-notice-visited = { $observer } visitó el aula { $classroom } el { $date }, a las { $time }, y registró la visita.
walk-notice-rating = { $area }: { $rating } de 5
walk-notice-read = Léela y confirma que la has leído; si quieres, con una respuesta:
