# Finanzas: facturación de planes de cuotas en lote, líneas de factura y descuentos.

fin-nav-billing = Facturar planes de cuotas

fin-billing-title = Facturar planes de cuotas
fin-billing-intro = Elija los planes de cuotas y un día del periodo que quiere facturar. Cada plan factura el mes, trimestre, periodo escolar o año de su ciclo que contiene ese día, una sola vez por alumno.
fin-billing-plans = Planes de cuotas
fin-billing-no-plans = Todavía no hay ningún plan de cuotas activo.
fin-billing-on = Un día del periodo
fin-billing-on-hint = A los alumnos que se incorporaron durante el periodo se les cobra según la regla del colegio; las reglas de descuento se aplican como líneas con su motivo.
fin-billing-issue = Fecha de emisión
fin-billing-due = Fecha de vencimiento
fin-billing-campus = Alumnos de
fin-billing-all-campuses = Todas las sedes
fin-billing-preview = Vista previa
fin-billing-choose-plan = Elija al menos un plan de cuotas.
fin-billing-date-needed = Indique una fecha.
fin-billing-due-before-issue = La fecha de vencimiento no puede ser anterior a la de emisión.
fin-billing-campus-unknown = Elija una sede de la lista.

fin-preview-heading = Vista previa
fin-preview-sum = { $count ->
    [one] Una factura, { $total } en total.
   *[other] { $count } facturas, { $total } en total.
}
fin-preview-caption = Facturas por plan de cuotas
fin-preview-plan = Plan de cuotas
fin-preview-period = Periodo facturado
fin-preview-invoices = Facturas
fin-preview-no-period = Ningún periodo de este plan contiene ese día.
fin-preview-skipped = { $count ->
    [one] Un alumno omitido
   *[other] { $count } alumnos omitidos
}
fin-preview-create = { $count ->
    [one] Crear una factura
   *[other] Crear { $count } facturas
}
fin-preview-nothing = No hay nada que facturar: todos los alumnos ya tienen factura de este periodo o se han omitido.
fin-period = del { $from } al { $to }

fin-skip-invoiced = { $student } ya tiene una factura de { $plan } para este periodo.
fin-skip-joined-during = { $student } se incorporó durante el periodo; el colegio no cobra nada por él ({ $plan }).
fin-skip-joins-later = { $student } se incorpora después de que termine el periodo ({ $plan }).

fin-run-title = Facturando planes de cuotas
fin-run-so-far = { $done } de { $total } facturas revisadas…
fin-run-refresh = Actualizar
fin-run-stopped = La facturación se detuvo antes de terminar. Lo ya emitido se conserva; vuelva a lanzarla para emitir el resto, sin duplicar nada.
fin-run-again = Volver a la facturación
fin-run-finished = { $created ->
    [one] Facturación terminada: se creó una factura.
   *[other] Facturación terminada: se crearon { $created } facturas.
}
fin-run-open-invoices = Ver las facturas

fin-invoice-title = Factura { $number }
fin-invoice-student = Alumno
fin-invoice-issued = Emitida
fin-invoice-due = Vence
fin-invoice-status = Estado
fin-invoice-lines = Conceptos de la factura
fin-invoice-no-lines = Esta factura no tiene conceptos: sus importes se introdujeron como totales.
fin-invoice-subtotal = Subtotal
fin-invoice-tax = Impuestos
fin-invoice-total = Total
fin-invoice-paid = Pagado
fin-invoice-balance = Saldo pendiente
fin-line-description = Concepto
fin-line-quantity = Cantidad
fin-line-unit = Importe unitario
fin-line-discount = Descuento
fin-line-amount = Importe
fin-reason-siblings = Segundo hijo o siguiente de la familia
fin-reason-listed = Concedido a este alumno

fin-nav-aging = Antigüedad de saldos
fin-aging-title = Antigüedad de los saldos pendientes
fin-aging-intro = Lo que se adeuda en facturas abiertas a { $date }, según los días de retraso.
fin-aging-csv = Descargar CSV
fin-aging-none = No se adeuda nada: todas las facturas están pagadas.
fin-aging-caption = Importes adeudados por sede y grado, según los días de retraso
fin-aging-campus = Sede
fin-aging-grade = Grado
fin-aging-not-due = Aún no vencido
fin-aging-0-30 = 0–30 días
fin-aging-31-60 = 31–60 días
fin-aging-61-90 = 61–90 días
fin-aging-over-90 = Más de 90 días
fin-aging-total = Total
fin-aging-no-campus = Sin sede
fin-aging-no-grade = Sin grado
fin-aging-campus-total = Total de { $campus }
fin-aging-all-campuses = Todas las sedes

fin-reminder-subject = Recordatorio de pago: factura { $number } de { $student }
fin-reminder-body = La factura { $number } de { $student } vencía el { $due } y quedan { $balance } pendientes de pago. Si ya la ha pagado, le damos las gracias y le rogamos que ignore este recordatorio. { $school }
fin-task-reminders = Recuerda a los tutores que reciben las facturas de un alumno una factura pendiente tras su vencimiento, como mucho una vez cada N días (según la configuración del centro).
