rollover-nav = Cambio de curso escolar
rollover-title = Cambio de curso escolar
rollover-intro = Cree el próximo curso a partir de este y pase a cada alumno al siguiente: revíselo aquí y ejecútelo una vez. Ejecutarlo de nuevo no cambia nada.
rollover-no-current-year = Ningún curso escolar está marcado como actual, así que no hay nada que pasar al siguiente.
rollover-years-link = Cursos escolares
rollover-refused = El cambio de curso no se ejecutó: revise los datos del próximo curso.
rollover-next-heading = El curso después de { $year }
rollover-from-dates = Este curso va del { $from } al { $until }.
rollover-exists = { $year } ya existe: el cambio de curso solo añade lo que le falta.
rollover-year-name = Nombre
rollover-year-start = Primer día
rollover-year-end = Último día
rollover-make-current = Convertirlo en el curso actual
rollover-make-current-hint = Si no lo marca, este curso sigue siendo el actual hasta que lo cambie en Cursos escolares; los grupos y las matrículas del nuevo curso se crean de todos modos.
rollover-copies-heading = Qué se conserva y qué se copia
rollover-kept-grades = Se conservan { $count ->
    [one] 1 grado
   *[other] { $count } grados
} y { $subjects ->
    [one] 1 asignatura
   *[other] { $subjects } asignaturas
}: pertenecen a todo el centro.
rollover-copy-classes = Se { $count ->
    [one] copia 1 grupo
   *[other] copian { $count } grupos
} con el mismo nombre, sección, grado, sede, capacidad y tutor, con { $subjects ->
    [one] 1 asignatura de grupo
   *[other] { $subjects } asignaturas de grupo
} y sus docentes.
rollover-copy-terms = { $count ->
    [0] Este curso no tiene trimestres que copiar.
    [one] Se copia 1 trimestre un año más tarde.
   *[other] Se copian { $count } trimestres un año más tarde.
}
rollover-copy-timetables = { $count ->
    [0] Este curso no tiene horarios que copiar.
    [one] Se copia 1 horario como borrador, con sus franjas.
   *[other] Se copian { $count } horarios como borradores, con sus franjas.
}
rollover-plan-heading = Promoción
rollover-plan-hint = Cada grupo pasa al grupo del grado siguiente; cámbielo donde haga falta y abra un grupo para que un alumno repita el curso o deje el centro.
rollover-campuses = Sedes
rollover-no-classes = Esta sede no tiene grupos activos este curso.
rollover-col-class = Grupo
rollover-col-students = Alumnos
rollover-col-moves-to = Próximo curso
rollover-col-students-review = Decisiones por alumno
rollover-moves-to-label = A dónde pasa { $class } el próximo curso
rollover-save-plan = Guardar el plan
rollover-run-heading = Ejecutar el cambio de curso
rollover-run-hint = Todo lo anterior se hace en un solo paso, todo o nada. La asistencia, las notas y las listas de este curso quedan como están.
rollover-run = Ejecutar el cambio de curso
rollover-back = Volver al cambio de curso
rollover-class-title = Próximo curso de { $class }
rollover-no-students = Este grupo no tiene alumnos activos.
rollover-col-student = Alumno
rollover-col-number = Número
rollover-col-next-year = Próximo curso
rollover-save-choices = Guardar las decisiones
rollover-counts = { $promoted ->
    [one] 1 promociona
   *[other] { $promoted } promocionan
}, { $repeating ->
    [one] 1 repite
   *[other] { $repeating } repiten
}, { $graduating ->
    [one] 1 se gradúa
   *[other] { $graduating } se gradúan
}, { $leaving ->
    [one] 1 se va
   *[other] { $leaving } se van
}
rollover-target-class = { $class } ({ $grade })
rollover-target-graduate = Se gradúan (dejan el centro)
rollover-choice-promote = Pasa a { $class }
rollover-choice-graduate = Se gradúa
rollover-choice-repeat = Repite el curso
rollover-choice-leave = Deja el centro
rollover-plan-saved = Se ha guardado el plan de promoción.
rollover-choices-saved = Se han guardado las decisiones de los alumnos.
rollover-ran = Cambio a { $year } hecho: { $enrolled ->
    [one] 1 alumno matriculado
   *[other] { $enrolled } alumnos matriculados
}, { $graduated } graduados, { $left } bajas, { $classes ->
    [one] 1 grupo copiado
   *[other] { $classes } grupos copiados
}. Este curso sigue siendo el actual.
rollover-ran-current = Cambio a { $year } hecho: { $enrolled ->
    [one] 1 alumno matriculado
   *[other] { $enrolled } alumnos matriculados
}, { $graduated } graduados, { $left } bajas, { $classes ->
    [one] 1 grupo copiado
   *[other] { $classes } grupos copiados
}. { $year } es ahora el curso actual.
rollover-error-form = No se pudo leer el formulario del cambio de curso; vuelva a abrir la página.
rollover-error-name-missing = Escriba un nombre para el próximo curso.
rollover-error-name-long = El nombre no puede pasar de 100 caracteres.
rollover-error-name-same = El próximo curso necesita un nombre propio.
rollover-error-date = Escriba una fecha como 2027-08-30.
rollover-error-start-after = El próximo curso empieza después de que termine este ({ $date }).
rollover-error-end-before-start = El último día es igual o posterior al primero.
