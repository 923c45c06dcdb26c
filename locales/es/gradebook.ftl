# El cuaderno de calificaciones: la cuadrícula de notas de una asignatura de un curso,
# el recorrido de sus evaluaciones, los periodos y la escala y ponderaciones del centro.

## Menú y enlaces
grade-nav-gradebooks = Calificaciones
grade-nav-grading = Escala de calificación
grade-nav-terms = Periodos
grade-today-link = Abrir mis calificaciones
grade-open-gradebook = Abrir las calificaciones
grade-open-gradebooks = Calificaciones de este curso

## La lista de cuadernos
grade-index-title = Calificaciones
grade-index-none = No impartes ninguna asignatura. La página de cada curso enlaza a sus calificaciones.
grade-index-none-in-class = Este curso aún no tiene asignaturas.

## La cuadrícula
grade-term-label = Periodo
grade-term-show = Ver
grade-term-option = { $term } ({ $from } – { $until })
grade-no-terms = Este año aún no tiene periodos: se muestran todas las evaluaciones. Los periodos se definen en la página del año académico.
grade-read-only = Puedes consultar estas calificaciones; solo su docente puede cambiarlas.
grade-no-assessments = Aún no hay evaluaciones en este periodo.
grade-no-students = No hay alumnos matriculados en este curso.
grade-help = Escribe una nota y pulsa Intro para bajar. { $excused } marca al alumno como exento y { $missing } un trabajo no entregado. Una columna pegada desde una hoja de cálculo se rellena hacia abajo.
grade-caption = Notas de { $title }
grade-student = Alumno
grade-average-head = Promedio
grade-average = { $percent } · { $letter }
grade-column-about = { $kind } · sobre { $max }
grade-column-about-due = { $kind } · sobre { $max } · entrega el { $due }
grade-column-save = Guardar columna
grade-cell-label = { $student }, { $assessment }
grade-status-for = Estado de { $assessment }
grade-status-set = Aplicar

## Lo que dice una celda
grade-code-excused = EX
grade-code-missing = NE
grade-cell-not-a-number = Escribe un número, { $excused } o { $missing }.
grade-cell-negative = Una nota no puede ser menor que 0.
grade-cell-over-max = La nota máxima es { $max }.
grade-cell-not-on-roll = Este alumno no está en el curso.
grade-cell-not-saved = No se guardó: revisa la conexión y vuelve a escribirla.
grade-cell-unknown = Esta celda no forma parte del cuaderno.

## Guardar
grade-column-saved = { $count ->
    [one] Se guardó 1 nota.
   *[other] Se guardaron { $count } notas.
}
grade-column-refused = No se guardó nada: hay notas que revisar.
grade-closed-refused = Esta evaluación está cerrada; solo un administrador puede cambiarla.
grade-status-changed = La evaluación ahora está { $status }.
grade-status-unknown = Ese no es un estado posible de una evaluación.

## Una evaluación nueva
grade-new-open = Nueva evaluación
grade-new-name = Nombre
grade-new-kind = Tipo
grade-new-max = Nota máxima
grade-new-due = Fecha de entrega
grade-new-submit = Añadir la evaluación
grade-new-hint = Empieza como borrador y solo tú la ves; publícala para que cuente en los promedios.
grade-new-created = Evaluación añadida como borrador.
grade-new-name-required = Ponle un nombre a la evaluación.
grade-new-name-long = El nombre puede tener hasta { $max } caracteres.
grade-new-kind-required = Elige el tipo de evaluación.
grade-new-max-invalid = La nota máxima es un número mayor que 0, hasta { $most }.
grade-new-due-invalid = Elige una fecha.

## Ponderaciones
grade-weights-open = Ponderaciones de esta asignatura
grade-weights-heading = Ponderación de cada tipo de evaluación
grade-weights-hint-class = Deja todas las casillas vacías para usar las ponderaciones del centro (o contar todas las evaluaciones por igual).
grade-weights-hint-school = Las usan todas las asignaturas que no tienen las suyas. Deja todas las casillas vacías para contar todas las evaluaciones por igual.
grade-weights-kind = Tipo
grade-weights-percent = Ponderación (%)
grade-weights-save = Guardar las ponderaciones
grade-weights-saved = Ponderaciones guardadas.
grade-weight-not-a-percent = Escribe un porcentaje de 0 a 100.
grade-weight-total = Las ponderaciones suman { $total }; juntas deben sumar 100 %.

## La escala de calificación
grade-grading-title = Escala de calificación
grade-grading-intro = La letra de cada nota y de cada promedio sale de esta escala. Al cambiarla, cada resultado de una evaluación que no esté cerrada recibe su nueva letra.
grade-scale-heading = Porcentaje mínimo de cada letra
grade-scale-letter = Letra
grade-scale-from = Desde (%)
grade-scale-until = Hasta
grade-scale-top = 100 %
grade-scale-below = menos de { $percent } %
grade-scale-save = Guardar la escala
grade-scale-saved = { $count ->
    [one] Escala guardada; se recalculó la letra de 1 resultado.
   *[other] Escala guardada; se recalcularon las letras de { $count } resultados.
}
grade-scale-refused = La escala no se guardó: cada letra empieza por debajo de la anterior y la F empieza en 0.
grade-scale-not-a-percent = Escribe un porcentaje de 0 a 100.
grade-scale-overlap = Empieza por debajo de { $letter } para que las dos letras no se solapen.
grade-scale-gap = La F empieza en 0, para que todo porcentaje tenga letra.

## Periodos
grade-term-of-year = { $year }, { $term }
grade-term-outside-year = Un periodo está dentro de su año: del { $from } al { $until }.
grade-term-overlaps = Estas fechas coinciden con el periodo { $term }; los periodos de un año no se solapan.
