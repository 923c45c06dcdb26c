# The inbox: notices addressed to the signed-in person.

messages-inbox-title = Inbox
messages-inbox-intro = Notices the school sends you: absence alerts, walkthrough feedback and announcements.
messages-inbox-empty = Your inbox is empty. Notices addressed to you will appear here.
messages-new = New
messages-from = from { $sender }
messages-from-at = from { $sender } · { $when }

# Writing a message, and its delivery report.

messages-nav-new = New message
messages-compose-title = New message
messages-compose-intro = Write to families, students or staff. Preview it to see how many people it reaches before you send it.
messages-form-errors = The message was not sent. Please check the fields marked below.
messages-subject = Subject
messages-body = Message
messages-body-hint = Plain text. Line breaks are kept and web addresses become links.
messages-audience = Who is it for?
messages-audience-everyone = The whole school
messages-audience-staff = All staff
messages-audience-guardians = All parents and guardians
messages-audience-students = All students
messages-audience-campus = Some campuses
messages-audience-grade = Some grades
messages-audience-class = Some classes
messages-audience-custom = People I choose
messages-which-campuses = Campuses
messages-which-grades = Grades
messages-which-classes = Classes
messages-which-people = People
messages-no-classes = You have no classes to write to.
messages-who-hint = In a campus, grade or class, the message reaches:
messages-to-guardians = Parents and guardians
messages-to-students = Students
messages-to-staff = Staff
messages-channels = How it is sent
messages-channel-in-app = In their Homeroom inbox
messages-channel-email = By e-mail
messages-send-at = Send later, at
messages-send-at-hint = Only for "Schedule": the date and time it goes out, in the school's time zone.
messages-do-preview = Preview
messages-do-keep = Save draft
messages-do-schedule = Schedule
messages-do-send = Send now
messages-preview-count = { $count ->
    [one] This message reaches 1 person.
   *[other] This message reaches { $count } people.
}
messages-preview-sample = Among them:
messages-preview-unreachable = { $count ->
    [one] 1 of them has neither an e-mail address nor an account, and will not get it.
   *[other] { $count } of them have neither an e-mail address nor an account, and will not get it.
}
messages-error-subject = Give the message a subject.
messages-error-subject-long = Keep the subject under 200 characters.
messages-error-body = Write the message.
messages-error-audience = Choose who the message is for.
messages-error-audience-which = Choose at least one campus, grade, class or person.
messages-error-nobody = Choose parents and guardians, students or staff.
messages-error-channel = Choose the inbox, e-mail or both.
messages-error-when = Enter a date and time, like 2026-12-03 09:00.
messages-error-later = To schedule the message, choose a time in the future.
messages-error-own-classes = You can write only to the students and families of the classes you teach.
messages-kept = The draft is saved.
messages-scheduled = The message is scheduled.
messages-sent = The message is on its way.
messages-list = Messages
messages-edit-draft = Edit and send
messages-report = Delivery
messages-tally-total = Recipients
messages-tally-emailed = E-mailed
messages-tally-pending = E-mail waiting
messages-tally-in-app = In their inbox
messages-tally-read = Read
messages-tally-failed = Not delivered
messages-retry = Try the undelivered again
messages-retrying = { $count ->
    [one] 1 e-mail will be tried again.
   *[other] { $count } e-mails will be tried again.
}
messages-recipients = Recipients and how their copy fared
messages-recipient = Recipient
messages-address = E-mail address
messages-delivery = Delivery
messages-in-app-only = Inbox only
messages-refused = { $tries ->
    [one] Refused after 1 try: { $error }
   *[other] Refused after { $tries } tries: { $error }
}
messages-unreachable = No e-mail address and no account.
messages-task-delivery = Sends scheduled messages at their time and e-mails each recipient, trying a refused address again before marking it failed.

# Choosing people by hand, and the files sent with a message.

messages-picked-none = Nobody chosen yet. Find people by name below.
messages-find-person = Find a person
messages-find-hint = Type part of a name, an e-mail or a phone number: guardians, students and staff you may see.
messages-do-find = Find
messages-find-short = Type at least two letters.
messages-find-none = Nobody matches “{ $query }”.
messages-add-person = Add { $name }
messages-keep-person = Send to { $name } (untick to take them off)
messages-attachments = Attachments
messages-attach-hint = Files sent with the message, each up to { $limit }: PDF, images, office documents, text.
messages-attach-remove = Remove
messages-attach-again = The files were not kept, because the message needs correcting. Choose them again.
messages-attached = { $count ->
    [one] 1 attachment
   *[other] { $count } attachments
}
