# La página de tareas: tareas programadas, sus ejecuciones y las importaciones.

jobs-title = Tareas
jobs-intro = El trabajo que Homeroom hace de forma programada, con el registro de cada ejecución que hizo algo y de cada importación. Las ejecuciones programadas que no encontraron nada que hacer se cuentan junto a su tarea.
jobs-tasks-title = Tareas programadas
jobs-tasks-none = Esta organización no tiene tareas propias; las tareas de toda la instalación las gestionan sus administradores.
jobs-task = Tarea
jobs-schedule = Frecuencia
jobs-last-run = Última ejecución
jobs-next-run = Próxima ejecución
jobs-state = Estado
jobs-actions = Acciones
jobs-never = nunca
jobs-state-disabled = desactivada
jobs-state-failed = con error
jobs-state-running = en curso
jobs-state-enabled = activada
jobs-state-success = correcta
jobs-run-now = Ejecutar ahora
jobs-disable = Desactivar
jobs-enable = Activar
jobs-logs-title = Ejecuciones e importaciones recientes
jobs-logs-none = Todavía no se ha ejecutado nada. Aquí aparecen las ejecuciones programadas que hacen algo, las que lanzas con «Ejecutar ahora» y las importaciones de archivos CSV.
jobs-what = Qué
jobs-started = Inicio
jobs-took = Duración
jobs-result = Resultado
jobs-processed = Procesados
jobs-created = Creados
jobs-updated = Actualizados
jobs-took-ms = { $ms } ms
jobs-when = { $day }, { $time }
jobs-every-minutes = cada { $count } min
jobs-every-hours = cada { $count } h
jobs-daily = a diario
jobs-every-days = cada { $count } días
jobs-quiet-runs = { $count ->
    [one] { $runs } ejecución no encontró nada que hacer, a las { $last }
   *[other] { $runs } ejecuciones no encontraron nada que hacer desde { $since }; la última, { $last }
}
jobs-enabled = { $task } está activada y vuelve a ejecutarse según su frecuencia.
jobs-disabled = { $task } está desactivada: solo se ejecuta cuando pulsas «Ejecutar ahora».
jobs-ran = { $task } se ha ejecutado: { $processed } procesados, { $created } creados, { $updated } actualizados.
jobs-failed = { $task } ha fallado: { $error }
jobs-busy-on = { $task } se está ejecutando ahora mismo en { $holder }; vuelve a intentarlo cuando termine.
jobs-busy = { $task } se está ejecutando ahora mismo; vuelve a intentarlo cuando termine.
jobs-task-session-cleanup = Elimina las sesiones que caducaron o se revocaron hace más de 30 días.
jobs-task-overdue-invoices = Marca como vencidas las facturas emitidas cuya fecha de vencimiento ha pasado con saldo pendiente.
jobs-task-absence-alerts = Avisa a los tutores el mismo día cuando una lista marca ausente a su hijo o hija y la marca sigue en pie tras el periodo de gracia.
jobs-task-interrupted-imports = Marca como interrumpidas las importaciones cuyo servidor se detuvo mientras se ejecutaban, para que puedan volver a lanzarse.
jobs-task-upload-cleanup = Elimina los archivos subidos para importar un día después de su vista previa si nadie los importó, los de importaciones fallidas y las exportaciones de datos de un alumno un día después de hacerse.
