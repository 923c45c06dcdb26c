# The bursar's desk: payments, receipts, refunds, voids and statements of account.

## Taking a payment
fdesk-title = Take a payment: { $name }
fdesk-intro = One amount pays the oldest open invoices first, or only the invoices you tick.
fdesk-open-desk = Take a payment
fdesk-take-link = Take a payment
fdesk-statement-link = Statement of account
fdesk-open-invoices = Open invoices
fdesk-tick-hint = Tick invoices to pay only those; with none ticked, the oldest are paid first.
fdesk-tick = Pay this invoice
fdesk-invoice = Invoice
fdesk-student = Student
fdesk-due = Due
fdesk-status = Status
fdesk-balance = Balance
fdesk-view = view
fdesk-owed-total = Owed altogether
fdesk-amount = Amount
fdesk-method = Method
fdesk-paid-on = Date received
fdesk-reference = Reference
fdesk-reference-hint = A cheque, card slip or transfer number, if any.
fdesk-take = Take payment
fdesk-amount-positive = Enter an amount above zero.
fdesk-method-choose = Choose how it was paid.
fdesk-paid-on-future = A payment cannot be received on a later day than today.
fdesk-reference-long = Keep the reference to { $max } characters.
fdesk-invoice-gone = One of the ticked invoices is no longer open. Look at the list again.
fdesk-nothing-owed = Nothing is owed on open invoices.
fdesk-over = That is more than is owed: { $owed }. Credit is not kept, so take at most that.
fdesk-taken = Payment taken.

## Receipts and refunds
fdesk-receipt-title = Receipt { $number }
fdesk-receipts-title = Receipts { $first } to { $last }
fdesk-refund-title = Refund { $number }
fdesk-refund-of = Gives back receipt { $number }: { $reason }
fdesk-refunded-by = Refunded: { $number }
fdesk-receipt-lines = What this payment paid
fdesk-receipt-number = Receipt
fdesk-receipt-amount = Amount
fdesk-receipt-left = Left on invoice
fdesk-receipt-total = Total
fdesk-receipt-outstanding = Still owed on all open invoices: { $amount }
fdesk-receipt-date = Received
fdesk-received-by = Received by
fdesk-refund-heading = Refund { $number } ({ $amount })
fdesk-refund = Refund
fdesk-reason = Reason
fdesk-reason-needed = Give a reason.
fdesk-reason-long = Keep the reason to { $max } characters.
fdesk-refund-twice = This payment has been refunded already.
fdesk-refunded = Payment refunded. The invoice owes it again.

## Voiding an invoice
fdesk-void-title = Void this invoice
fdesk-void-hint = The invoice keeps its number and shows VOID; it no longer counts as owed. Refund its payments first.
fdesk-void = Void invoice
fdesk-void-note = VOID on { $date }: { $reason }
fdesk-void-paid = This invoice still has payments on it. Refund them before voiding it.
fdesk-voided = Invoice voided.

## Statements of account
fdesk-statement-title = Statement of account: { $name }
fdesk-statement-period = From { $from } to { $to }
fdesk-statement-lines = Invoices, payments, refunds and voids with the running balance
fdesk-statement-date = Date
fdesk-statement-entry = Entry
fdesk-statement-reference = Number
fdesk-statement-charge = Charge
fdesk-statement-credit = Credit
fdesk-statement-empty = Nothing happened on this account in these dates.
fdesk-opening = Opening balance
fdesk-closing = Closing balance
fdesk-entry-invoice = Invoice
fdesk-entry-payment = Payment on { $invoice }
fdesk-entry-refund = Refund on { $invoice }
fdesk-entry-void = { $invoice } voided
fdesk-range-from = From
fdesk-range-to = To
fdesk-range-show = Show
fdesk-range-bad = Choose a start date on or before the end date.

## PDF and e-mail
fdesk-pdf-a4 = PDF (A4)
fdesk-pdf-letter = PDF (Letter)
fdesk-paper-unknown = Choose A4 or Letter paper.
fdesk-pdf-unavailable = PDF documents cannot be made on this server yet. The printable page works.
fdesk-email = E-mail to guardians
fdesk-mail-subject = { $document } from { $school }
fdesk-mail-body =
    Dear { $name },

    Please find attached { $document } from { $school }.

    If you have a question about it, reply to this e-mail.
fdesk-mail-sent = { $count ->
    [one] Sent to one guardian.
   *[other] Sent to { $count } guardians.
}
fdesk-mail-nobody = No guardian with an e-mail address receives invoices for this account. Nothing was sent.
