# The attendance reports: missing rolls, chronic absence, a class's grid, a
# student's calendar, and staff attendance.

attrep-campus = Campus
attrep-grade = Grade
attrep-all-grades = All grades
attrep-student = Student
attrep-download-csv = Download CSV
attrep-choose-grade = Choose a grade from the list.
attrep-attendance-of = Attendance of { $name }

## Dates in the address

attrep-date-bad-start = The start date must look like 2026-11-20; "{ $value }" is not a date.
attrep-date-bad-end = The end date must look like 2026-11-20; "{ $value }" is not a date.
attrep-date-bad-month = The month must look like 2026-11; "{ $value }" is not a month.
attrep-date-range-start = The start date must be between { $first } and { $last }.
attrep-date-range-end = The end date must be between { $first } and { $last }.
attrep-date-range-month = The month must be between { $first } and { $last }.
attrep-range-backwards = The start date must be on or before the end date.
attrep-range-too-long = Choose at most { $days } days; the grid would be too wide to read.

## Missing rolls

attrep-missing-title = Missing rolls
attrep-missing-subtitle = { $date } · as of { $time }
attrep-attendance-today-link = Attendance today
attrep-rolls-today = Rolls today
attrep-missing = Missing
attrep-past-deadline = past their deadline
attrep-taken = Taken
attrep-not-due = Not due yet
attrep-not-taken-in-time = Not taken in time
attrep-all-taken = Every roll due by now has been taken.
attrep-missing-shown = Rolls { $from }–{ $to } of { $total }
attrep-due = Due
attrep-class = Class
attrep-teacher = Teacher
attrep-roll = Roll
attrep-period-at = period at { $time }
attrep-no-teacher = No teacher assigned
attrep-missing-progress = { $marked } of { $enrolled } marked
attrep-overdue-minutes = { $minutes } min late
attrep-overdue-hours = { $hours } h { $minutes } min late

## Chronic absence

attrep-chronic-title = Chronic absence
attrep-chronic-intro = Students absent (excused or not) from at least { $percent } of their sessions.
attrep-chronic-intro-year = Students absent (excused or not) from at least { $percent } of their sessions in { $year }, { $from } to { $to }.
attrep-students-count = { $count ->
    [one] { $count } student
   *[other] { $count } students
}
attrep-no-year = No academic year includes today, so there is nothing to count yet.
attrep-chronic-none = No student has missed { $percent } of their sessions. Well done.
attrep-sessions = Sessions
attrep-rate = Rate
attrep-csv-student-number = Student number
attrep-csv-last-name = Last name
attrep-csv-first-name = First name
attrep-csv-name = Last name, first name
attrep-csv-absence-rate = Absence rate

## A class over a range of days, and a student's month

attrep-date-range = { $from } to { $to }
attrep-from = From
attrep-to = To
attrep-marks-by-day = Marks by day
attrep-class-no-students = No students in this class for these dates.
attrep-class-no-rolls = No roll was taken between these dates.
attrep-no-mark = No mark
attrep-legend = Legend
attrep-no-roll = No roll
attrep-marks = Marks
# One-letter codes of the marks in narrow cells; the legend spells them out.
attrep-code-present = P
attrep-code-absent = A
attrep-code-late = L
attrep-code-excused = E
attrep-previous-month = Previous month:
attrep-next-month = Next month:
attrep-calendar-caption = Attendance of { $name } in { $month }
attrep-month-totals = { $month } totals
attrep-academic-year = Academic year
attrep-year-through = { $year } to { $date }
# A mark in a calendar day's description: "Late 10 min", "Absent (Maths)".
attrep-mark-minutes = { $mark } { $minutes } min
attrep-mark-subject = { $mark } ({ $subject })

## Staff attendance

attrep-staff-title = Staff attendance
attrep-staff-by-campus = Mark staff by campus
attrep-staff-marked-count = { $marked } of { $staff } marked
attrep-staff-sheet-title = Staff attendance · { $campus }
attrep-staff-sheet-subtitle = { $date } · the day starts at { $time }
attrep-staff-today = Staff today
attrep-staff-none = No staff work at this campus.
attrep-staff-member = Staff member
attrep-staff-today-column = Today
attrep-staff-mark = Mark
attrep-checked-in-at = checked in { $time }
attrep-unnamed-staff = Unnamed staff member
attrep-staff-choose-status = Choose present, late or absent.
attrep-staff-marked = { $status ->
    [present] { $name } is marked present.
    [late] { $name } is marked late.
   *[absent] { $name } is marked absent.
}
