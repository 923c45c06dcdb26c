# Los informes de asistencia: listas pendientes, absentismo crónico, la cuadrícula
# de una clase, el calendario de un alumno y la asistencia del personal.

attrep-campus = Sede
attrep-grade = Grado
attrep-all-grades = Todos los grados
attrep-student = Alumno
attrep-download-csv = Descargar CSV
attrep-choose-grade = Elige un grado de la lista.
attrep-attendance-of = Asistencia de { $name }

## Fechas en la dirección

attrep-date-bad-start = La fecha de inicio debe tener la forma 2026-11-20; «{ $value }» no es una fecha.
attrep-date-bad-end = La fecha de fin debe tener la forma 2026-11-20; «{ $value }» no es una fecha.
attrep-date-bad-month = El mes debe tener la forma 2026-11; «{ $value }» no es un mes.
attrep-date-range-start = La fecha de inicio debe estar entre { $first } y { $last }.
attrep-date-range-end = La fecha de fin debe estar entre { $first } y { $last }.
attrep-date-range-month = El mes debe estar entre { $first } y { $last }.
attrep-range-backwards = La fecha de inicio debe ser igual o anterior a la de fin.
attrep-range-too-long = Elige como máximo { $days } días; la cuadrícula sería demasiado ancha para leerla.

## Listas pendientes

attrep-missing-title = Listas sin pasar
attrep-missing-subtitle = { $date } · a las { $time }
attrep-attendance-today-link = Asistencia de hoy
attrep-rolls-today = Listas de hoy
attrep-missing = Sin pasar
attrep-past-deadline = fuera de plazo
attrep-taken = Pasadas
attrep-not-due = Aún en plazo
attrep-not-taken-in-time = No pasadas a tiempo
attrep-all-taken = Ya se han pasado todas las listas que vencían hasta ahora.
attrep-missing-shown = Listas { $from }–{ $to } de { $total }
attrep-due = Plazo
attrep-class = Clase
attrep-teacher = Profesor
attrep-roll = Lista
attrep-period-at = clase a las { $time }
attrep-no-teacher = Sin profesor asignado
attrep-missing-progress = { $marked } de { $enrolled } marcados
attrep-overdue-minutes = { $minutes } min de retraso
attrep-overdue-hours = { $hours } h { $minutes } min de retraso

## Absentismo crónico

attrep-chronic-title = Absentismo crónico
attrep-chronic-intro = Alumnos ausentes (con o sin justificación) en al menos el { $percent } de sus sesiones.
attrep-chronic-intro-year = Alumnos ausentes (con o sin justificación) en al menos el { $percent } de sus sesiones en { $year }, del { $from } al { $to }.
attrep-students-count = { $count ->
    [one] { $count } alumno
   *[other] { $count } alumnos
}
attrep-no-year = Ningún curso escolar incluye el día de hoy, así que todavía no hay nada que contar.
attrep-chronic-none = Ningún alumno ha faltado al { $percent } de sus sesiones. ¡Buen trabajo!
attrep-sessions = Sesiones
attrep-rate = Tasa
attrep-csv-student-number = Número de alumno
attrep-csv-last-name = Apellidos
attrep-csv-first-name = Nombre
attrep-csv-name = Apellidos, nombre
attrep-csv-absence-rate = Tasa de ausencia

## Una clase en un periodo y el mes de un alumno

attrep-date-range = del { $from } al { $to }
attrep-from = Desde
attrep-to = Hasta
attrep-marks-by-day = Marcas por día
attrep-class-no-students = No hay alumnos en esta clase en estas fechas.
attrep-class-no-rolls = No se pasó lista entre estas fechas.
attrep-no-mark = Sin marca
attrep-legend = Leyenda
attrep-no-roll = Sin lista
attrep-marks = Marcas
# Códigos de una letra de las marcas en las celdas estrechas; la leyenda los explica.
attrep-code-present = P
attrep-code-absent = A
attrep-code-late = T
attrep-code-excused = J
attrep-previous-month = Mes anterior:
attrep-next-month = Mes siguiente:
attrep-calendar-caption = Asistencia de { $name } en { $month }
attrep-month-totals = Totales de { $month }
attrep-academic-year = Curso escolar
attrep-year-through = { $year } hasta el { $date }
attrep-mark-minutes = { $mark } { $minutes } min
attrep-mark-subject = { $mark } ({ $subject })

## Asistencia del personal

attrep-staff-title = Asistencia del personal
attrep-staff-by-campus = Registrar al personal por sede
attrep-staff-marked-count = { $marked } de { $staff } registrados
attrep-staff-sheet-title = Asistencia del personal · { $campus }
attrep-staff-sheet-subtitle = { $date } · la jornada empieza a las { $time }
attrep-staff-today = Personal de hoy
attrep-staff-none = Nadie del personal trabaja en esta sede.
attrep-staff-member = Miembro del personal
attrep-staff-today-column = Hoy
attrep-staff-mark = Registrar
attrep-checked-in-at = fichó a las { $time }
attrep-unnamed-staff = Miembro del personal sin nombre
attrep-staff-choose-status = Elige presente, tarde o ausente.
attrep-staff-marked = { $status ->
    [present] { $name } queda registrado como presente.
    [late] { $name } queda registrado con retraso.
   *[absent] { $name } queda registrado como ausente.
}
