# Caja: cobros, recibos, reembolsos, anulaciones y estados de cuenta.

## Cobrar un pago
fdesk-title = Cobrar un pago: { $name }
fdesk-intro = Un importe paga primero las facturas pendientes más antiguas, o solo las que marque.
fdesk-open-desk = Cobrar un pago
fdesk-take-link = Cobrar un pago
fdesk-statement-link = Estado de cuenta
fdesk-open-invoices = Facturas pendientes
fdesk-tick-hint = Marque facturas para pagar solo esas; sin ninguna marcada, se pagan primero las más antiguas.
fdesk-tick = Pagar esta factura
fdesk-invoice = Factura
fdesk-student = Alumno
fdesk-due = Vencimiento
fdesk-status = Estado
fdesk-balance = Saldo
fdesk-view = ver
fdesk-owed-total = Total adeudado
fdesk-amount = Importe
fdesk-method = Forma de pago
fdesk-paid-on = Fecha de cobro
fdesk-reference = Referencia
fdesk-reference-hint = Número de cheque, comprobante de tarjeta o transferencia, si lo hay.
fdesk-take = Registrar el pago
fdesk-amount-positive = Indique un importe mayor que cero.
fdesk-method-choose = Elija la forma de pago.
fdesk-paid-on-future = No se puede registrar un cobro con fecha posterior a hoy.
fdesk-reference-long = La referencia no puede pasar de { $max } caracteres.
fdesk-invoice-gone = Una de las facturas marcadas ya no está pendiente. Revise la lista de nuevo.
fdesk-nothing-owed = No hay nada pendiente de pago.
fdesk-over = Es más de lo adeudado: { $owed }. No se guarda saldo a favor, así que cobre como máximo esa cantidad.
fdesk-taken = Pago registrado.

## Recibos y reembolsos
fdesk-receipt-title = Recibo { $number }
fdesk-receipts-title = Recibos { $first } a { $last }
fdesk-refund-title = Reembolso { $number }
fdesk-refund-of = Devuelve el recibo { $number }: { $reason }
fdesk-refunded-by = Reembolsado: { $number }
fdesk-receipt-lines = Lo que pagó este cobro
fdesk-receipt-number = Recibo
fdesk-receipt-amount = Importe
fdesk-receipt-left = Pendiente en la factura
fdesk-receipt-total = Total
fdesk-receipt-outstanding = Pendiente en todas las facturas: { $amount }
fdesk-receipt-date = Cobrado
fdesk-received-by = Cobrado por
fdesk-refund-heading = Reembolsar { $number } ({ $amount })
fdesk-refund = Reembolsar
fdesk-reason = Motivo
fdesk-reason-needed = Indique un motivo.
fdesk-reason-long = El motivo no puede pasar de { $max } caracteres.
fdesk-refund-twice = Este pago ya se reembolsó.
fdesk-refunded = Pago reembolsado. La factura vuelve a tener ese importe pendiente.

## Anular una factura
fdesk-void-title = Anular esta factura
fdesk-void-hint = La factura conserva su número y aparece como ANULADA; deja de contar como deuda. Reembolse antes sus pagos.
fdesk-void = Anular la factura
fdesk-void-note = ANULADA el { $date }: { $reason }
fdesk-void-paid = Esta factura todavía tiene pagos. Reembólselos antes de anularla.
fdesk-voided = Factura anulada.

## Estados de cuenta
fdesk-statement-title = Estado de cuenta: { $name }
fdesk-statement-period = Del { $from } al { $to }
fdesk-statement-lines = Facturas, pagos, reembolsos y anulaciones con el saldo acumulado
fdesk-statement-date = Fecha
fdesk-statement-entry = Concepto
fdesk-statement-reference = Número
fdesk-statement-charge = Cargo
fdesk-statement-credit = Abono
fdesk-statement-empty = No hubo movimientos en esta cuenta en esas fechas.
fdesk-opening = Saldo inicial
fdesk-closing = Saldo final
fdesk-entry-invoice = Factura
fdesk-entry-payment = Pago de { $invoice }
fdesk-entry-refund = Reembolso de { $invoice }
fdesk-entry-void = { $invoice } anulada
fdesk-range-from = Desde
fdesk-range-to = Hasta
fdesk-range-show = Mostrar
fdesk-range-bad = Elija una fecha de inicio igual o anterior a la de fin.

## PDF y correo electrónico
fdesk-pdf-a4 = PDF (A4)
fdesk-pdf-letter = PDF (Carta)
fdesk-paper-unknown = Elija papel A4 o Carta.
fdesk-pdf-unavailable = Este servidor todavía no puede generar PDF. La página imprimible sí funciona.
fdesk-email = Enviar a los tutores
fdesk-mail-subject = { $document } de { $school }
fdesk-mail-body =
    Estimado/a { $name }:

    Le enviamos adjunto { $document } de { $school }.

    Si tiene alguna pregunta, responda a este correo.
fdesk-mail-sent = { $count ->
    [one] Enviado a un tutor.
   *[other] Enviado a { $count } tutores.
}
fdesk-mail-nobody = Ningún tutor con correo electrónico recibe las facturas de esta cuenta. No se envió nada.
