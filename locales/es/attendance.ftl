# Hoy (las listas del profesor), la lista y la tarjeta de fichaje del personal.

today-heading = Hoy
today-no-rolls = Hoy no tienes listas que pasar en tu horario.
today-no-classes = No tienes clases propias. Pasa lista el profesorado de cada clase.
today-rolls-label = Tus listas de hoy
today-room = Aula { $room }
today-daily-roll = Lista diaria

roll-state-not-taken = Sin pasar
roll-state-partial = A medias ({ $marked } de { $enrolled })
roll-state-taken = Pasada a las { $time }

## La lista

roll-daily-title = { $class } · lista diaria
roll-marked = Marcados: { $marked } de { $total }
roll-read-only = Puedes ver esta lista; solo su profesorado (o quien gestiona las clases) puede cambiarla.
roll-save = Guardar lista
roll-mark-all-present = Marcar a todos presentes
roll-help = Un toque basta para cada marca: presente, ausente, tarde o justificado. Cada toque se guarda al momento, incluso sin conexión.
roll-no-students = No hay alumnos matriculados en esta clase.
roll-mark-for = Marca de { $name }
roll-minutes-late = Minutos de retraso
roll-minutes-other-label = Otro número de minutos
roll-minutes-other = Otro
roll-remark = Observación
roll-remark-for = Observación sobre { $name }
roll-saved = Lista guardada: { $marked } de { $total } marcados.
roll-needs-second-look = Algunas marcas necesitan revisión; todavía no se ha guardado nada.
roll-not-on-roll = { $count ->
    [one] { $count } de los alumnos enviados no está matriculado en esta clase; no se ha guardado nada. Vuelve a cargar la lista para ver quién está en ella.
   *[other] { $count } de los alumnos enviados no están matriculados en esta clase; no se ha guardado nada. Vuelve a cargar la lista para ver quién está en ella.
}
roll-problem-remark-without-mark = Elige presente, ausente, tarde o justificado para conservar esta observación.
roll-problem-unknown-status = Elige presente, ausente, tarde o justificado.
roll-problem-remark-too-long = La observación debe tener menos de { $max } caracteres.
roll-problem-minutes = Los minutos de retraso deben ser un número entero entre 0 y { $max }.

# Lo que dice cada fila mientras la página guarda cada toque.
roll-row-saved = Guardado
roll-row-saving = Guardando…
roll-row-not-yet-saved = Aún sin guardar
roll-row-not-saved = No guardado
roll-row-other-refused = No guardado: se rechazó otra marca
roll-row-minutes-range = Minutos de retraso: de 0 a 600
roll-signed-out = Tu sesión ha terminado. Las marcas aún sin guardar se conservan en este dispositivo.
roll-sign-in-again = Vuelve a iniciar sesión para enviarlas.
roll-waiting = { $count ->
    [one] { $count } marca aún sin guardar
   *[other] { $count } marcas aún sin guardar
}

## Las marcas

mark-present = Presente
mark-absent = Ausente
mark-late = Tarde
mark-excused = Justificado

## El fichaje de cada miembro del personal

check-in-heading = Tu fichaje
check-in-done = Fichaste a las { $time }.
check-in-marked-by-office = Secretaría ya te ha registrado hoy.
check-in-campus-starts = En { $campus } la jornada empieza a las { $time }; los fichajes posteriores cuentan como retraso.
check-in-day-starts = La jornada empieza a las { $time }; los fichajes posteriores cuentan como retraso.
check-in-submit = Fichar
check-in-recorded = Has fichado.
check-in-already = Ya habías fichado hoy.
check-in-not-staff = Tu cuenta no está vinculada a una ficha de personal, así que no hay nada que fichar. Consulta con secretaría.

## Rechazos de la dirección de la lista y de las peticiones de la tableta

roll-bad-date = La fecha debe tener la forma 2026-11-23.
roll-future-date = Solo se puede pasar lista de hoy o de un día ya pasado.
roll-marks-unreadable = No se pudieron leer las marcas. { $detail }

## La asistencia de hoy: las listas diarias de cada sede por grado, con la tendencia

attendance-today-title = Asistencia de hoy
attendance-today-subtitle = { $date } · listas diarias
attendance-missing-link = Listas sin pasar
attendance-chronic-link = Absentismo crónico
attendance-at-a-glance = Hoy de un vistazo
attendance-present-or-late = presentes o con retraso
attendance-of-enrolled = de { $count } matriculados
attendance-rolls-taken = { $due ->
    [one] { $taken } de { $due } lista diaria pasada
   *[other] { $taken } de { $due } listas diarias pasadas
}
attendance-not-yet-marked = Sin marcar todavía
attendance-last-days = Últimos { $count } días lectivos
attendance-no-classes = Hoy no hay clases en marcha.
attendance-grade = Grado
attendance-enrolled = Matriculados
attendance-not-marked = Sin marcar
attendance-rate = Asistencia
attendance-all-grades = Todos los grados
attendance-choose-campus = Elige una sede de la lista.

# El formulario de filtros de las páginas de seguimiento.
attendance-filter-campus = Sede
attendance-filter-all-campuses = Todas las sedes
attendance-filter-show = Mostrar

# El gráfico de tendencia y su tabla.
attendance-trend-title = Asistencia en los últimos { $count } días lectivos
attendance-trend-summary = { $count } días lectivos del { $from } al { $to }: media { $average }, mínima { $lowest }, máxima { $highest }; el último día, { $last }.
attendance-trend-empty = No se ha registrado asistencia en este periodo.
attendance-trend-point = { $date }: { $rate }
attendance-trend-show-numbers = Ver las cifras
attendance-trend-caption = Asistencia por día lectivo
attendance-trend-day = Día
attendance-trend-present-or-late = Presentes o con retraso
