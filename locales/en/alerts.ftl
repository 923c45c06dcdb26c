# Same-day absence alerts to a student's guardians (e-mail and inbox), written in
# the guardian's language, else the school's.

alert-absent-subject = { $student } was marked absent on { $date }
alert-absent-body = { $student } was marked absent on { $date }. If you know why, please let { $school } know.
alert-absent-at-school = If { $student } is at school, the roll will be corrected and no further message is sent.
# How a guardian is named in the alert's list of recipients: "Ana Ruiz (mother)".
alert-recipient = { $name } ({ $relationship })
