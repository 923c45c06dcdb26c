# El panel en `/`: el día de un vistazo.

dashboard-hello = Hola, { $name }
dashboard-at-a-glance = De un vistazo
dashboard-students = Alumnos
dashboard-staff = Personal
dashboard-classes = Clases
dashboard-active = activos
dashboard-this-academic-year = este curso
dashboard-fees-outstanding = Cuotas pendientes
dashboard-past-due = { $count ->
    [one] { $count } factura vencida
   *[other] { $count } facturas vencidas
}
dashboard-in-the-last-days = en los últimos { $days } días
dashboard-classes-today = Tus clases de hoy
dashboard-no-classes = Hoy no tienes clases en tu horario.
dashboard-attendance = Asistencia
dashboard-rolls-taken = { $due ->
    [one] { $taken } de { $due } lista diaria pasada
   *[other] { $taken } de { $due } listas diarias pasadas
}
dashboard-of-enrolled = de { $count } matriculados
dashboard-not-marked = Sin marcar todavía
dashboard-present-or-late = presentes o con retraso
dashboard-no-attendance = Todavía no se ha pasado lista.
dashboard-coming-up = Próximamente
dashboard-no-events = No hay eventos próximos.
dashboard-hours = { $start }–{ $end }
dashboard-event-day = { $weekday } { $day }

## Tipos de evento que Homeroom conoce; un tipo que escribió el centro queda tal cual.
dashboard-event-event = Evento
dashboard-event-meeting = Reunión
dashboard-event-deadline = Fecha límite
dashboard-event-drill = Simulacro
dashboard-event-holiday = Festivo
dashboard-event-exam = Examen
dashboard-event-trip = Excursión
dashboard-event-sports = Deportes
