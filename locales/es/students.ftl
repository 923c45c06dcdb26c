# Las páginas del alumno: ficha, información médica, admisiones, matrícula en cursos.

stu-nav-admissions = Admisiones
stu-nav-enrolment = Matricular en un curso
stu-students = Alumnos

## Ficha
stu-photo-of = Foto de { $name }
stu-age = { $years ->
    [one] { $years } año
   *[other] { $years } años
}
stu-edit = Editar
stu-move = Cambiar de curso
stu-withdraw = Dar de baja o trasladar
stu-every-column = Todos los campos
stu-at-school = En el colegio
stu-grade = Grado
stu-class = Curso
stu-campus = Sede
stu-born = Fecha de nacimiento
stu-not-enrolled = Sin curso este año
stu-guardians = Padres y tutores
stu-guardians-none = No hay ningún padre ni tutor registrado.
stu-flags-of = Lo que { $name } hace por este alumno
stu-flag-primary = Contacto principal
stu-flag-lives-with = Vive con el alumno
stu-flag-emergency = Contacto de emergencia
stu-flag-invoices = Recibe las facturas
stu-flag-messages = Recibe los mensajes
stu-flag-pickup = Puede recogerlo
stu-call = Llamar a { $name }
stu-write = Escribir a { $name }
stu-health = Salud y emergencias
stu-allergies = Alergias
stu-medical-notes = Observaciones médicas
stu-emergency-contacts = Contactos de emergencia
stu-none-recorded = Nada registrado
stu-health-edit = Editar la información médica
stu-health-title = Información médica: { $name }
stu-health-saved = La información médica se ha guardado.
stu-save = Guardar
stu-cancel = Cancelar
stu-tabs = Expediente del alumno
stu-tab-attendance = Asistencia
stu-tab-results = Calificaciones
stu-tab-invoices = Facturas
stu-tab-documents = Documentos
stu-tab-history = Historial
stu-attendance-year = Este año escolar, del { $from } al { $through }
stu-attendance-calendar = Ver el calendario del mes
stu-no-year = No hay ningún año escolar en curso.
stu-results-none = No está en ningún curso este año, así que aún no tiene calificaciones.
stu-results-subject = Asignatura
stu-results-cell = { $percent } ({ $letter })
stu-results-nothing = —
stu-invoices-none = No hay facturas.
stu-invoice-number = Factura
stu-invoice-issued = Emitida
stu-invoice-due = Vence
stu-invoice-total = Total
stu-invoice-balance = Saldo
stu-invoice-status = Estado
stu-balance = Saldo pendiente: { $amount }
stu-documents-none = No hay documentos adjuntos.
stu-document-name = Documento
stu-document-added = Añadido
stu-history-none = Todavía no ha cambiado nada.
stu-history-date = Fecha
stu-history-what = Cambio
stu-history-reason = Motivo
stu-history-status = Estado: { $from } → { $to }
stu-history-status-set = Estado: { $to }
stu-history-reason-by = { $reason } ({ $by })
stu-history-enrolment = { $class } ({ $year }): { $status }
stu-history-from-to = { $from } – { $to }

## Formularios
stu-required = { $label } es obligatorio.
stu-too-long = { $label } admite como máximo { $max } caracteres.
stu-date-invalid = Indique una fecha.
stu-email-invalid = Indique una dirección de correo con @.
stu-choose = Elija…
stu-any = Todos
stu-filter = Filtrar
stu-reason = Motivo

## Admisiones
stu-admissions-title = Admisiones
stu-admissions-none = Todavía no hay solicitudes.
stu-application-new = Nueva solicitud
stu-application-title = Nueva solicitud
stu-application-student = El alumno
stu-application-guardian = Un padre o tutor
stu-guardian-hint = Si el colegio ya conoce a este tutor (mismo correo, o mismo nombre y teléfono), se vincula en lugar de darlo de alta otra vez.
stu-first-name = Nombre
stu-last-name = Apellidos
stu-date-of-birth = Fecha de nacimiento
stu-grade-applied = Grado solicitado
stu-applied-on-label = Solicitud recibida el
stu-notes = Observaciones
stu-guardian-name = Nombre y apellidos
stu-relationship = Parentesco
stu-guardian-email = Correo electrónico
stu-guardian-phone = Teléfono
stu-application-save = Guardar la solicitud
stu-application-saved = La solicitud se ha guardado.
stu-pick-campus = Elija una sede.
stu-applied-on = Solicitud del { $date }
stu-applied-for = para { $grade }
stu-declined-because = rechazada: { $reason }
stu-accept = Admitir
stu-decline = Rechazar
stu-enrol = Matricular
stu-choose-class = Elija un curso…
stu-accepted = La solicitud ha sido admitida.
stu-declined = La solicitud ha sido rechazada.
stu-decision-stale = La solicitud ya había avanzado; no se ha cambiado nada.
stu-enrol-accept-first = Admita la solicitud antes de matricular.
stu-enrolled = Matriculado, con el número de alumno { $number }.

## Matrícula
stu-enrol-title = Matricular alumnos en un curso
stu-capacity = capacidad { $capacity }
stu-from-date = Desde
stu-candidates = { $count ->
    [one] { $count } alumno sin curso este año
   *[other] { $count } alumnos sin curso este año
}
stu-candidates-none = Todos los alumnos que cumplen los filtros ya tienen curso este año.
stu-enrol-chosen = Matricular a los alumnos elegidos
stu-pick-students = Elija al menos un alumno.
stu-pick-class = Elija un curso.
stu-capacity-warning = { $class } tiene capacidad para { $capacity } alumnos; con esta matrícula serían { $after }.
stu-capacity-confirm = Matricular por encima de la capacidad del curso
stu-bulk-enrolled = { $count ->
    [one] { $count } alumno matriculado.
   *[other] { $count } alumnos matriculados.
}
stu-move-title = Cambiar a { $name } de curso
stu-move-now-in = Ahora en { $class }.
stu-move-to = Curso nuevo
stu-move-not-enrolled = No está en ningún curso este año: matricúlelo en su lugar.
stu-move-same-class = Ya está en ese curso.
stu-move-before-start = El cambio no puede ser anterior a su entrada en el curso ({ $date }).
stu-moved = Ha pasado al curso nuevo.
stu-withdraw-title = Dar de baja o trasladar a { $name }
stu-withdraw-hint = Sus cursos terminan en esta fecha; todo lo registrado se conserva en su historial.
stu-leaving-as = Motivo de salida
stu-leaving-on = Último día
stu-pick-status = Elija baja o traslado.
stu-withdraw-save = Registrar
stu-left = Se ha registrado la salida del alumno.
