# Lo que a un centro nuevo le falta por configurar: la lista del panel, y lo que dice
# una página en lugar de una tabla vacía cuando faltan los datos que necesita.

setup-heading = Configura tu centro
setup-progress = { $total ->
    [one] { $done } de { $total } paso hecho
   *[other] { $done } de { $total } pasos hechos
}
setup-campuses-missing = Todavía no hay ninguna sede: cada clase y cada alumno pertenecen a una.
setup-campuses-missing-ask = Todavía no se ha creado ninguna sede; pide a tu administrador que añada una.
setup-campuses-fix = Añadir una sede
setup-year-missing = Ningún curso escolar incluye el día de hoy.
setup-year-fix = Añadir el curso escolar
setup-grades-missing = Todavía no hay niveles.
setup-grades-fix = Añadir un nivel
setup-subjects-missing = Todavía no hay asignaturas.
setup-subjects-fix = Añadir una asignatura
setup-classes-missing = Todavía no se ha creado ninguna clase.
setup-classes-missing-ask = Todavía no se ha creado ninguna clase; pide a tu administrador que las añada.
setup-classes-this-year-missing = Todavía no hay ninguna clase en este curso académico.
setup-classes-fix = Añadir una clase
setup-staff-missing = Todavía no hay nadie en el personal.
setup-staff-fix = Añadir un miembro del personal
setup-staff-no-sign-in = { $count ->
    [one] Un miembro del personal no tiene acceso a Homeroom.
   *[other] { $count } miembros del personal no tienen acceso a Homeroom.
}
setup-staff-invite = Invítalos desde la lista del personal
setup-students-missing = Todavía no hay alumnos.
setup-students-fix = Añadir un alumno
setup-enrolments-missing = Todavía no hay ningún alumno matriculado en una clase.
setup-roll-enrol = Matricular alumnos
setup-roll-no-students-ask = No hay alumnos matriculados en esta clase; pide a secretaría que los matricule.
setup-timetable-missing = Todavía no hay horario, así que las clases no tienen lista.
setup-timetable-fix = Añadir un horario
setup-timetable-unpublished = Ningún horario publicado está en vigor hoy.
setup-timetable-unpublished-ask = Ningún horario publicado está en vigor hoy; pide a tu administrador que publique uno.
setup-timetable-publish = Publicar un horario
setup-periods-missing = El horario publicado todavía no tiene franjas.
setup-periods-fix = Añadir franjas
setup-fee-plans-missing = Todavía no hay planes de cuotas.
setup-fee-plans-fix = Añadir un plan de cuotas

## Hoy, para un profesor cuyo día no se encuentra
setup-today-not-linked = Tu cuenta no está vinculada a ninguna ficha del personal, así que no se encuentran tus clases.
setup-today-not-linked-ask = Tu cuenta no está vinculada a ninguna ficha del personal; pide a tu administrador que la vincule.
setup-today-link = Vincúlala en la lista del personal
setup-today-no-classes = Todavía no das clase en ningún grupo.
setup-today-assign = Asignar un profesor a una asignatura de una clase

## Una visita nueva sin nadie a quien visitar
setup-walk-no-teachers = Todavía no hay nadie en la lista del personal a quien visitar.
setup-walk-no-teachers-ask = Todavía no hay nadie en la lista del personal a quien visitar; pide a tu administrador que añada al profesorado.
