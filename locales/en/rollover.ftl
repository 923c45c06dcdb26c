rollover-nav = Year rollover
rollover-title = Year rollover
rollover-intro = Make next year from this one and move every student on: look it over here, then run it once. Running it again changes nothing.
rollover-no-current-year = No academic year is marked as the current one, so there is nothing to roll over.
rollover-years-link = Academic years
rollover-refused = The rollover did not run: check the next year's details below.
rollover-next-heading = The year after { $year }
rollover-from-dates = This year runs from { $from } to { $until }.
rollover-exists = { $year } exists already: running the rollover adds only what it is missing.
rollover-year-name = Name
rollover-year-start = First day
rollover-year-end = Last day
rollover-make-current = Make it the current year
rollover-make-current-hint = Leave it unticked to keep this year current until you change it under Academic years; new-year classes and enrolments are made either way.
rollover-copies-heading = What is kept and copied
rollover-kept-grades = { $count ->
    [one] 1 grade
   *[other] { $count } grades
} and { $subjects ->
    [one] 1 subject
   *[other] { $subjects } subjects
} are kept: they belong to the whole school.
rollover-copy-classes = { $count ->
    [one] 1 class is
   *[other] { $count } classes are
} copied with the same name, section, grade, campus, capacity and homeroom teacher, with { $subjects ->
    [one] 1 class subject
   *[other] { $subjects } class subjects
} and their teachers.
rollover-copy-terms = { $count ->
    [0] This year has no terms to copy.
    [one] 1 term is copied a year later.
   *[other] { $count } terms are copied a year later.
}
rollover-copy-timetables = { $count ->
    [0] This year has no timetables to copy.
    [one] 1 timetable is copied as a draft, with its periods.
   *[other] { $count } timetables are copied as drafts, with their periods.
}
rollover-plan-heading = Promotion
rollover-plan-hint = Each class moves to the next grade's class; change it where needed, and open a class to have a student repeat the year or leave.
rollover-campuses = Campuses
rollover-no-classes = This campus has no active classes this year.
rollover-col-class = Class
rollover-col-students = Students
rollover-col-moves-to = Next year
rollover-col-students-review = Students' choices
rollover-moves-to-label = Where { $class } moves next year
rollover-save-plan = Save the plan
rollover-run-heading = Run the rollover
rollover-run-hint = Everything above happens in one step, all or nothing. This year's attendance, results and rolls stay as they are.
rollover-run = Run the rollover
rollover-back = Back to the year rollover
rollover-class-title = Next year for { $class }
rollover-no-students = This class has no active students.
rollover-col-student = Student
rollover-col-number = Number
rollover-col-next-year = Next year
rollover-save-choices = Save the choices
rollover-counts = { $promoted ->
    [one] 1 promoted
   *[other] { $promoted } promoted
}, { $repeating ->
    [one] 1 repeating
   *[other] { $repeating } repeating
}, { $graduating ->
    [one] 1 graduating
   *[other] { $graduating } graduating
}, { $leaving ->
    [one] 1 leaving
   *[other] { $leaving } leaving
}
rollover-target-class = { $class } ({ $grade })
rollover-target-graduate = Graduate (leave the school)
rollover-choice-promote = Moves up to { $class }
rollover-choice-graduate = Graduates
rollover-choice-repeat = Repeats the year
rollover-choice-leave = Leaves the school
rollover-plan-saved = The promotion plan is saved.
rollover-choices-saved = The students' choices are saved.
rollover-ran = The rollover into { $year } is done: { $enrolled ->
    [one] 1 student enrolled
   *[other] { $enrolled } students enrolled
}, { $graduated } graduated, { $left } left, { $classes ->
    [one] 1 class copied
   *[other] { $classes } classes copied
}. This year stays the current one.
rollover-ran-current = The rollover into { $year } is done: { $enrolled ->
    [one] 1 student enrolled
   *[other] { $enrolled } students enrolled
}, { $graduated } graduated, { $left } left, { $classes ->
    [one] 1 class copied
   *[other] { $classes } classes copied
}. { $year } is now the current year.
rollover-error-form = The rollover form could not be read; open the page again.
rollover-error-name-missing = Enter a name for the next year.
rollover-error-name-long = Keep the name to 100 characters.
rollover-error-name-same = The next year needs a name of its own.
rollover-error-date = Enter a date such as 2027-08-30.
rollover-error-start-after = The next year starts after this one ends ({ $date }).
rollover-error-end-before-start = The last day comes on or after the first day.
