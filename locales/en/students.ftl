# The student pages: profile, medical notes, admissions, enrolment tools.

stu-nav-admissions = Admissions
stu-nav-enrolment = Enrol in a class
stu-students = Students

## Profile
stu-photo-of = Photo of { $name }
stu-age = { $years ->
    [one] { $years } year old
   *[other] { $years } years old
}
stu-edit = Edit
stu-move = Move to another class
stu-withdraw = Withdraw or transfer
stu-every-column = Every column
stu-at-school = At school
stu-grade = Grade
stu-class = Class
stu-campus = Campus
stu-born = Born
stu-not-enrolled = Not in a class this year
stu-guardians = Parents and guardians
stu-guardians-none = No parent or guardian is recorded.
stu-flags-of = What { $name } does for this student
stu-flag-primary = Primary contact
stu-flag-lives-with = Lives with
stu-flag-emergency = Emergency contact
stu-flag-invoices = Receives invoices
stu-flag-messages = Receives messages
stu-flag-pickup = May pick up
stu-call = Call { $name }
stu-write = E-mail { $name }
stu-health = Medical and emergency
stu-allergies = Allergies
stu-medical-notes = Medical notes
stu-emergency-contacts = Emergency contacts
stu-none-recorded = None recorded
stu-health-edit = Edit medical information
stu-health-title = Medical information: { $name }
stu-health-saved = The medical information is saved.
stu-save = Save
stu-cancel = Cancel
stu-tabs = Student records
stu-tab-attendance = Attendance
stu-tab-results = Results
stu-tab-invoices = Invoices
stu-tab-documents = Documents
stu-tab-history = History
stu-attendance-year = This school year, { $from } to { $through }
stu-attendance-calendar = Open the month calendar
stu-no-year = No school year is current.
stu-results-none = Not in a class this year, so no results yet.
stu-results-subject = Subject
stu-results-cell = { $percent } ({ $letter })
stu-results-nothing = —
stu-invoices-none = No invoices.
stu-invoice-number = Invoice
stu-invoice-issued = Issued
stu-invoice-due = Due
stu-invoice-total = Total
stu-invoice-balance = Balance
stu-invoice-status = Status
stu-balance = Balance due: { $amount }
stu-documents-none = No documents are attached.
stu-document-name = Document
stu-document-added = Added
stu-history-none = Nothing has changed yet.
stu-history-date = Date
stu-history-what = What changed
stu-history-reason = Reason
stu-history-status = Status: { $from } → { $to }
stu-history-status-set = Status: { $to }
stu-history-reason-by = { $reason } ({ $by })
stu-history-enrolment = { $class } ({ $year }): { $status }
stu-history-from-to = { $from } – { $to }

## Forms
stu-required = { $label } is required.
stu-too-long = { $label } can be at most { $max } characters.
stu-date-invalid = Enter a date.
stu-email-invalid = Enter an e-mail address with an @.
stu-choose = Choose…
stu-any = Any
stu-filter = Filter
stu-reason = Reason

## Admissions
stu-admissions-title = Admissions
stu-admissions-none = No applications yet.
stu-application-new = New application
stu-application-title = New application
stu-application-student = The student
stu-application-guardian = A parent or guardian
stu-guardian-hint = A parent already known to the school (same e-mail, or same name and phone) is linked, not entered again.
stu-first-name = First name
stu-last-name = Last name
stu-date-of-birth = Date of birth
stu-grade-applied = Grade applied for
stu-applied-on-label = Application received on
stu-notes = Notes
stu-guardian-name = Name
stu-relationship = Relationship
stu-guardian-email = E-mail
stu-guardian-phone = Phone
stu-application-save = Save the application
stu-application-saved = The application is saved.
stu-pick-campus = Choose a campus.
stu-applied-on = Applied { $date }
stu-applied-for = for { $grade }
stu-declined-because = declined: { $reason }
stu-accept = Accept
stu-decline = Decline
stu-enrol = Enrol
stu-choose-class = Choose a class…
stu-accepted = The application is accepted.
stu-declined = The application is declined.
stu-decision-stale = The application had already moved on; nothing changed.
stu-enrol-accept-first = Accept the application before enrolling.
stu-enrolled = Enrolled, with student number { $number }.

## Enrolment
stu-enrol-title = Enrol students in a class
stu-capacity = capacity { $capacity }
stu-from-date = From
stu-candidates = { $count ->
    [one] { $count } student not in a class this year
   *[other] { $count } students not in a class this year
}
stu-candidates-none = Every student matching the filters is already in a class this year.
stu-enrol-chosen = Enrol the chosen students
stu-pick-students = Choose at least one student.
stu-pick-class = Choose a class.
stu-capacity-warning = { $class } holds { $capacity } students; this would make { $after }.
stu-capacity-confirm = Enrol over the class's capacity
stu-bulk-enrolled = { $count ->
    [one] { $count } student enrolled.
   *[other] { $count } students enrolled.
}
stu-move-title = Move { $name } to another class
stu-move-now-in = Now in { $class }.
stu-move-to = New class
stu-move-not-enrolled = Not in a class this year: enrol them instead.
stu-move-same-class = That is the class they are in.
stu-move-before-start = The move cannot be before they joined the class ({ $date }).
stu-moved = Moved to the new class.
stu-withdraw-title = Withdraw or transfer { $name }
stu-withdraw-hint = The student's classes end on this date; everything recorded stays in their history.
stu-leaving-as = Leaving as
stu-leaving-on = Last day
stu-pick-status = Choose withdrawn or transferred.
stu-withdraw-save = Record it
stu-left = The student's leaving is recorded.
