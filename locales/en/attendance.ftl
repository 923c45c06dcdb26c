# Today (a teacher's rolls), the roll itself and the staff check-in card.

today-heading = Today
today-no-rolls = No rolls on your timetable today.
today-no-classes = You have no classes of your own. Rolls are taken by the teachers of each class.
today-rolls-label = Your rolls today
today-room = Room { $room }
today-daily-roll = Daily roll

roll-state-not-taken = Not taken
roll-state-partial = Partly taken ({ $marked } of { $enrolled })
roll-state-taken = Taken at { $time }

## The roll

roll-daily-title = { $class } · daily roll
roll-marked = { $marked } of { $total } marked
roll-read-only = You can see this roll; only its teachers (or those who manage classes) can change it.
roll-save = Save roll
roll-mark-all-present = Mark all present
roll-help = One tap sets any mark: present, absent, late or excused. Each tap saves at once, even without a connection.
roll-no-students = No students are enrolled in this class.
roll-mark-for = Mark for { $name }
roll-minutes-late = Minutes late
roll-minutes-other-label = Other number of minutes
roll-minutes-other = Other
roll-remark = Remark
roll-remark-for = Remark for { $name }
roll-saved = Roll saved: { $marked } of { $total } marked.
roll-needs-second-look = Some marks need a second look; nothing was saved yet.
roll-not-on-roll = { $count ->
    [one] { $count } of the students sent is not enrolled in this class; nothing was saved. Reload the roll to see who is on it.
   *[other] { $count } of the students sent are not enrolled in this class; nothing was saved. Reload the roll to see who is on it.
}
roll-problem-remark-without-mark = Choose present, absent, late or excused to keep this remark.
roll-problem-unknown-status = Choose present, absent, late or excused.
roll-problem-remark-too-long = Keep the remark under { $max } characters.
roll-problem-minutes = Minutes late must be a whole number from 0 to { $max }.

# What a row says while the page saves each tap (the page's script).
roll-row-saved = Saved
roll-row-saving = Saving…
roll-row-not-yet-saved = Not yet saved
roll-row-not-saved = Not saved
roll-row-other-refused = Not saved: another mark was refused
roll-row-minutes-range = Minutes late: 0 to 600
roll-signed-out = Your session ended. The marks not yet saved are kept on this device.
roll-sign-in-again = Sign in again to send them.
roll-waiting = { $count ->
    [one] { $count } mark not yet saved
   *[other] { $count } marks not yet saved
}

## The marks

mark-present = Present
mark-absent = Absent
mark-late = Late
mark-excused = Excused

## A member of staff's own check-in

check-in-heading = Your check-in
check-in-done = You checked in at { $time }.
check-in-marked-by-office = The office has marked you today.
check-in-campus-starts = { $campus } starts at { $time }; later check-ins count as late.
check-in-day-starts = The day starts at { $time }; later check-ins count as late.
check-in-submit = Check in
check-in-recorded = You are checked in.
check-in-already = You had already checked in today.
check-in-not-staff = Your account is not linked to a staff record, so there is nothing to check in. Ask the office.

## Refusals of the roll's address and the tablet's requests

roll-bad-date = The date must look like 2026-11-23.
roll-future-date = A roll can be taken only for today or a day that has passed.
roll-marks-unreadable = The marks could not be read. { $detail }

## Attendance today: the campuses' daily rolls by grade, with the trend

attendance-today-title = Attendance today
attendance-today-subtitle = { $date } · daily rolls
attendance-missing-link = Missing rolls
attendance-chronic-link = Chronic absence
attendance-at-a-glance = Today at a glance
attendance-present-or-late = present or late
attendance-of-enrolled = of { $count } enrolled
attendance-rolls-taken = { $due ->
    [one] { $taken } of { $due } daily roll taken
   *[other] { $taken } of { $due } daily rolls taken
}
attendance-not-yet-marked = Not yet marked
attendance-last-days = Last { $count } school days
attendance-no-classes = No classes are running today.
attendance-grade = Grade
attendance-enrolled = Enrolled
attendance-not-marked = Not marked
attendance-rate = Attendance
attendance-all-grades = All grades
attendance-choose-campus = Choose a campus from the list.

# The filter form of the oversight pages.
attendance-filter-campus = Campus
attendance-filter-all-campuses = All campuses
attendance-filter-show = Show

# The trend chart and its table.
attendance-trend-title = Attendance over the last { $count } school days
attendance-trend-summary = { $count } school days from { $from } to { $to }: average { $average }, lowest { $lowest }, highest { $highest }; the last day { $last }.
attendance-trend-empty = No attendance has been recorded in this period.
attendance-trend-point = { $date }: { $rate }
attendance-trend-show-numbers = Show the numbers
attendance-trend-caption = Attendance by school day
attendance-trend-day = Day
attendance-trend-present-or-late = Present or late
