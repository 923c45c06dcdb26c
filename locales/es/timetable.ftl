# El constructor de horarios: timbres, la cuadrícula semanal por curso, docente y
# aula, la vista del campus, choques, borradores, publicación e impresión.

tt-nav = Constructor de horarios
tt-index-title = Horarios
tt-none = Aún no hay horarios.
tt-campus = Sede
tt-name = Nombre
tt-status = Estado
tt-from = Desde
tt-to = Hasta
tt-actions = Acciones
tt-make-draft = Crear un borrador
tt-clash-report = Informe de choques

## Bell times
tt-bells-title = Horario de timbres
tt-bells-intro = Las filas de cada cuadrícula son los bloques horarios de la sede:
tt-bells-of = Timbres de { $campus }
tt-bells-hint = Una línea por bloque. Deje una línea vacía para quitarla; las clases conservan su hora.
tt-starts = Inicio
tt-ends = Fin
tt-bells-row-name = Nombre del bloque { $row }
tt-bells-row-starts = Inicio del bloque { $row }
tt-bells-row-ends = Fin del bloque { $row }
tt-bells-save = Guardar timbres
tt-bells-name-needed = Cada bloque necesita un nombre de 60 caracteres como máximo.
tt-bells-times-invalid = { $name } necesita una hora de inicio y una de fin, posterior al inicio.
tt-bells-overlap = { $first } y { $second } se superponen: un bloque empieza cuando termina el anterior.

## The grid
tt-grid-title = Horario · { $view }
tt-grid-caption = Semana de { $view }
tt-room-heading = Aula { $room }
tt-overview-heading = Todas las aulas el { $day }
tt-by-class = Por curso
tt-by-teacher = Por docente
tt-by-room = Por aula
tt-overview = Aulas de un día
tt-show = Ver
tt-print = Imprimir
tt-period = Bloque
tt-day = Día
tt-room = Aula
tt-add = Añadir
tt-add-at = Añadir una clase el { $when } a las { $starts }
tt-move = Mover
tt-move-lesson = Mover { $lesson }
tt-delete = Quitar
tt-delete-lesson = Quitar { $lesson }
tt-no-bells = Esta sede aún no tiene timbres ni esta vista clases.
tt-panel-hint = Elija una celda vacía para añadir una clase, o «Mover» en una clase.
tt-published-readonly = Un horario publicado no se modifica directamente: cree un borrador, cámbielo y publíquelo desde una fecha.
tt-no-teacher = sin docente
tt-lesson-name = { $subject } de { $class }
tt-choice = { $class } · { $subject } · { $teacher }

## Adding and moving a lesson
tt-add-title = Nueva clase el { $day } a las { $starts }
tt-class-subject = Curso y asignatura
tt-choose = Elija…
tt-add-save = Añadir clase
tt-move-title = Mover { $lesson } ({ $class })
tt-move-save = Mover clase
tt-cancel = Cancelar
tt-choose-subject = Elija el curso y la asignatura de la clase.
tt-time-invalid = La clase necesita una hora de inicio y una de fin.
tt-time-order = La clase debe terminar después de empezar.
tt-room-too-long = El nombre de un aula tiene 60 caracteres como máximo.

## Clashes, refused and reported
tt-clash-teacher = { $has_room ->
    [yes] { $teacher } ya imparte { $lesson } en { $room } el { $day } de { $starts } a { $ends }.
   *[no] { $teacher } ya imparte { $lesson } el { $day } de { $starts } a { $ends }.
}
tt-clash-room = { $room } ya está reservada para { $lesson } con { $teacher } el { $day } de { $starts } a { $ends }.
tt-clash-class = { $class } ya tiene { $subject } con { $teacher } el { $day } de { $starts } a { $ends }.
tt-clashes-title = Informe de choques · { $name }
tt-no-clashes = Sin choques: ningún docente, aula ni curso está ocupado dos veces a la misma hora.
tt-clash-count = { $count ->
    [one] Un choque por resolver antes de publicar:
   *[other] { $count } choques por resolver antes de publicar:
}
tt-report-teacher = { $teacher } imparte { $first } y { $second } a la misma hora el { $day } de { $starts } a { $ends }.
tt-report-room = { $room } está reservada para { $first } y { $second } a la misma hora el { $day } de { $starts } a { $ends }.
tt-report-class = { $class } tiene { $first } y { $second } a la misma hora el { $day } de { $starts } a { $ends }.

## Publishing
tt-publish-from = Publicar desde
tt-publish = Publicar
tt-publish-hint = Los días anteriores a esta fecha conservan su horario; el horario actual termina el día antes.
tt-published = Publicado: este horario rige desde el { $date }.
tt-publish-clashes = { $count ->
    [one] No se publicó: queda un choque. Vea el informe de choques.
   *[other] No se publicó: quedan { $count } choques. Vea el informe de choques.
}
tt-publish-past = No se publicó: un horario empieza hoy o más tarde, para que los días pasados conserven el suyo.
tt-publish-not-draft = Solo se puede publicar un borrador.
tt-publish-date-invalid = Indique la fecha en que empieza el horario.
tt-clash-record = Esta clase choca con otra a la misma hora (misma aula, curso o docente). El constructor de horarios indica cuál.

## A teacher's own week
tt-week-title = Mi semana
tt-week-of = Semana del { $date }
tt-week-day = { $day } { $date }
tt-week-caption = Mis clases de esta semana
tt-week-room = Aula { $room }
tt-week-today = Listas de hoy
tt-week-none = No tiene clases en el horario esta semana.
tt-week-not-staff = Su cuenta no tiene ficha de personal, así que ningún horario es suyo.
tt-week-link = Mi semana
tt-feed-name = Mis clases
tt-feed-hint = Sus clases desde cuatro semanas atrás hasta doce semanas adelante, día a día según el horario vigente, en su aplicación de calendario.
