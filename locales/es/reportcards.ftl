# Boletines de calificaciones: los de un curso por periodo, sus comentarios, su emisión y los resultados del periodo.
rc-nav = Boletines
rc-index-title = Boletines de calificaciones
rc-index-none = No hay cursos en el año de este periodo.
rc-no-terms = Todavía no hay periodos. Añada los periodos del año en su página y los boletines los seguirán.
rc-term-label = Periodo
rc-term-show = Mostrar
rc-term-option = { $year }: { $term }
rc-term-dates = { $term } ({ $from } – { $until })
rc-class-title = Boletines: { $class }, { $term }
rc-card-title = Boletín de calificaciones
rc-card-caption = Asignaturas, promedios y comentarios de { $student }
rc-class-line = Curso: { $class }
rc-term-line = { $term }: { $from } – { $until }
rc-student = Alumno
rc-subject = Asignatura
rc-average = Promedio
rc-letter = Calificación
rc-comment = Comentario del docente
rc-attendance = Asistencia
rc-attendance-line = Días presente: { $present } · tarde: { $late } · ausente: { $absent } · justificado: { $excused }
rc-homeroom-comment = Comentario del profesor jefe
rc-principal-comment = Comentario de la dirección
rc-issued-on = Emitido el { $date }
rc-issued-summary = { $issued } de { $total } boletines emitidos.
rc-not-issued = Un boletín aún no emitido sigue al libro de calificaciones y a los comentarios mientras cambian.
rc-print-hint = Imprima esta página para obtener un alumno por hoja, en papel A4 o carta.
rc-pdf-a4 = PDF (A4)
rc-pdf-letter = PDF (carta)
rc-paper-unknown = El tamaño de papel debe ser A4 o carta.
rc-pdf-unavailable = Ahora no se pueden generar PDF en este servidor porque falta su tipografía. Imprima la página en su lugar.
rc-results = Resultados del periodo
rc-results-title = Resultados del periodo: { $class }, { $term }
rc-csv = Descargar CSV
rc-csv-last-name = Apellidos
rc-csv-first-name = Nombre
rc-csv-average-of = { $subject }: promedio
rc-csv-letter-of = { $subject }: calificación
rc-back-to-cards = Volver a los boletines
rc-issue = Emitir boletines
rc-issue-hint = Al emitir, cada boletín se guarda tal como está ahora: los cambios posteriores en notas o comentarios no modifican un boletín ya emitido.
rc-issued-count = { $count ->
    [0] Todos los boletines de este periodo ya estaban emitidos.
    [one] Se emitió un boletín.
   *[other] Se emitieron { $count } boletines.
}
rc-no-students = No hay alumnos matriculados en este curso.
rc-edit-homeroom = Comentarios del profesor jefe
rc-edit-principal = Comentarios de la dirección
rc-comments-title-homeroom = Comentarios del profesor jefe: { $class }, { $term }
rc-comments-title-principal = Comentarios de la dirección: { $class }, { $term }
rc-comments-save = Guardar comentarios
rc-comments-saved = { $count ->
    [one] Se guardó un comentario.
   *[other] Se guardaron { $count } comentarios.
}
rc-comments-refused = No se guardó nada: corrija los comentarios marcados abajo.
rc-comments-read-only = Solo el profesor jefe del curso escribe sus comentarios, y solo un administrador los de la dirección.
rc-comment-too-long = Un comentario puede tener como máximo { $max } caracteres.
rc-comment-kind-unknown = Solo hay comentarios del profesor jefe y de la dirección.
rc-comment-unknown = Ese comentario no corresponde a un alumno y periodo de este libro de calificaciones.
rc-gradebook-comment = Comentario del boletín
rc-gradebook-comment-label = Comentario del boletín para { $student }
rc-gradebook-comment-save = Guardar comentario
rc-comment-saved = Guardado

## A whole school's cards in the background
rc-run-heading = Boletines de todo el colegio
rc-run-hint = Genera en segundo plano los boletines de este periodo de todos los cursos (o de una sede o un grado), un PDF por curso, que quedan aquí para descargar.
rc-run-campus = Sede
rc-run-all-campuses = Todas las sedes
rc-run-grade = Grado
rc-run-all-grades = Todos los grados
rc-run-paper = Papel
rc-run-letter = Carta
rc-run-start = Generar los boletines
rc-run-term-needed = Elija primero un periodo.
rc-run-title = Boletines en segundo plano
rc-run-so-far = { $done } de { $total } cursos listos…
rc-run-refresh = Actualizar
rc-run-interrupted = La generación se detuvo tras { $done } de { $total } cursos, cuando se detuvo el servidor que la ejecutaba. Al ejecutarla de nuevo solo se generan los cursos que faltan.
rc-run-again = Ejecutar de nuevo
rc-run-finished = { $files ->
    [one] Listo: los boletines de un curso para descargar.
   *[other] Listo: los boletines de { $files } cursos para descargar.
}
rc-run-students = { $count ->
    [one] un alumno
   *[other] { $count } alumnos
}

rc-issued-link = Boletín · { $term } (emitido el { $date })
