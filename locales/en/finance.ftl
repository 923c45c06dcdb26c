# Finance: invoicing fee plans in bulk, invoice lines and discounts.

fin-nav-billing = Invoice fee plans

fin-billing-title = Invoice fee plans
fin-billing-intro = Choose the fee plans and a day in the period to bill. Each plan bills the month, quarter, term or year of its cycle that holds that day, once per student.
fin-billing-plans = Fee plans
fin-billing-no-plans = No active fee plan yet.
fin-billing-on = A day in the period
fin-billing-on-hint = Students who joined during the period are charged as the school's rule says; discount rules are applied as lines with their reason.
fin-billing-issue = Issue date
fin-billing-due = Due date
fin-billing-campus = Students of
fin-billing-all-campuses = Every campus
fin-billing-preview = Preview
fin-billing-choose-plan = Choose at least one fee plan.
fin-billing-date-needed = Enter a date.
fin-billing-due-before-issue = The due date cannot be before the issue date.
fin-billing-campus-unknown = Choose a campus from the list.

fin-preview-heading = Preview
fin-preview-sum = { $count ->
    [one] One invoice, { $total } in all.
   *[other] { $count } invoices, { $total } in all.
}
fin-preview-caption = Invoices by fee plan
fin-preview-plan = Fee plan
fin-preview-period = Billing period
fin-preview-invoices = Invoices
fin-preview-no-period = No period of this plan holds that day.
fin-preview-skipped = { $count ->
    [one] One student skipped
   *[other] { $count } students skipped
}
fin-preview-create = { $count ->
    [one] Create one invoice
   *[other] Create { $count } invoices
}
fin-preview-nothing = There is nothing to invoice: every student is invoiced for this period already or skipped.
fin-period = { $from } to { $to }

fin-skip-invoiced = { $student } already has an invoice of { $plan } for this period.
fin-skip-joined-during = { $student } joined during the period; the school charges nothing for it ({ $plan }).
fin-skip-joins-later = { $student } joins after the period ends ({ $plan }).

fin-run-title = Invoicing fee plans
fin-run-so-far = { $done } of { $total } invoices looked at…
fin-run-refresh = Refresh
fin-run-stopped = Invoicing stopped before the end. What was written stays; run it again to write the rest, nothing twice.
fin-run-again = Back to invoicing
fin-run-finished = { $created ->
    [one] Invoicing finished: one invoice created.
   *[other] Invoicing finished: { $created } invoices created.
}
fin-run-open-invoices = Open the invoices

fin-invoice-title = Invoice { $number }
fin-invoice-student = Student
fin-invoice-issued = Issued
fin-invoice-due = Due
fin-invoice-status = Status
fin-invoice-lines = What the invoice charges
fin-invoice-no-lines = This invoice has no lines: its amounts were entered as totals.
fin-invoice-subtotal = Subtotal
fin-invoice-tax = Tax
fin-invoice-total = Total
fin-invoice-paid = Paid
fin-invoice-balance = Balance due
fin-line-description = Description
fin-line-quantity = Quantity
fin-line-unit = Unit amount
fin-line-discount = Discount
fin-line-amount = Amount
fin-reason-siblings = Second or later child of a family
fin-reason-listed = Granted to this student

fin-nav-aging = Aging
fin-aging-title = Aging of what is owed
fin-aging-intro = What is owed on open invoices on { $date }, by how many days past due.
fin-aging-csv = Download CSV
fin-aging-none = Nothing is owed: every invoice is paid.
fin-aging-caption = Amounts owed by campus and grade, by days past due
fin-aging-campus = Campus
fin-aging-grade = Grade
fin-aging-not-due = Not yet due
fin-aging-0-30 = 0–30 days
fin-aging-31-60 = 31–60 days
fin-aging-61-90 = 61–90 days
fin-aging-over-90 = Over 90 days
fin-aging-total = Total
fin-aging-no-campus = No campus
fin-aging-no-grade = No grade
fin-aging-campus-total = { $campus } in all
fin-aging-all-campuses = All campuses

fin-reminder-subject = Payment reminder: invoice { $number } for { $student }
fin-reminder-body = Invoice { $number } for { $student } was due on { $due } and { $balance } is still owed. If you have paid it already, thank you, and please ignore this reminder. { $school }
fin-task-reminders = Reminds the guardians who receive a student's invoices of an invoice still owed after its due date, at most once every N days (the school's setting).
