# The dashboard at `/`: the day at a glance.

dashboard-hello = Hello, { $name }
dashboard-at-a-glance = At a glance
dashboard-students = Students
dashboard-staff = Staff
dashboard-classes = Classes
dashboard-active = active
dashboard-this-academic-year = this academic year
dashboard-fees-outstanding = Fees outstanding
dashboard-past-due = { $count ->
    [one] { $count } invoice past due
   *[other] { $count } invoices past due
}
dashboard-in-the-last-days = in the last { $days } days
dashboard-classes-today = Your classes today
dashboard-no-classes = No classes on your timetable today.
dashboard-attendance = Attendance
dashboard-rolls-taken = { $due ->
    [one] { $taken } of { $due } daily roll taken
   *[other] { $taken } of { $due } daily rolls taken
}
dashboard-of-enrolled = of { $count } enrolled
dashboard-not-marked = Not yet marked
dashboard-present-or-late = present or late
dashboard-no-attendance = No attendance has been taken yet.
dashboard-coming-up = Coming up
dashboard-no-events = No upcoming events.
dashboard-hours = { $start }–{ $end }
dashboard-event-day = { $weekday } { $day }

## Kinds of event Homeroom knows; a kind a school typed stays as typed.
dashboard-event-event = Event
dashboard-event-meeting = Meeting
dashboard-event-deadline = Deadline
dashboard-event-drill = Drill
dashboard-event-holiday = Holiday
dashboard-event-exam = Exam
dashboard-event-trip = Trip
dashboard-event-sports = Sports
