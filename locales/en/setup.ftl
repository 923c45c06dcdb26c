# What a new school still has to set up: the dashboard's checklist, and what a page
# says instead of an empty table when the data it needs is missing.

setup-heading = Set up your school
setup-progress = { $total ->
    [one] { $done } of { $total } step done
   *[other] { $done } of { $total } steps done
}
setup-campuses-missing = No campus yet: every class and student belongs to one.
setup-campuses-missing-ask = No campus has been set up yet; ask your administrator to add one.
setup-campuses-fix = Add a campus
setup-year-missing = No academic year covers today.
setup-year-fix = Add the academic year
setup-grades-missing = No grades yet.
setup-grades-fix = Add a grade
setup-subjects-missing = No subjects yet.
setup-subjects-fix = Add a subject
setup-classes-missing = No classes have been set up yet.
setup-classes-missing-ask = No classes have been set up yet; ask your administrator to add them.
setup-classes-this-year-missing = No class belongs to this academic year yet.
setup-classes-fix = Add a class
setup-staff-missing = No staff members yet.
setup-staff-fix = Add a staff member
setup-staff-no-sign-in = { $count ->
    [one] One staff member has no sign-in.
   *[other] { $count } staff members have no sign-in.
}
setup-staff-invite = Invite them from the staff list
setup-students-missing = No students yet.
setup-students-fix = Add a student
setup-enrolments-missing = No student is enrolled in a class yet.
setup-roll-enrol = Enrol students
setup-roll-no-students-ask = No students are enrolled in this class; ask the school office to enrol them.
setup-timetable-missing = No timetable yet, so lessons have no rolls.
setup-timetable-fix = Add a timetable
setup-timetable-unpublished = No published timetable covers today.
setup-timetable-unpublished-ask = No published timetable covers today; ask your administrator to publish one.
setup-timetable-publish = Publish a timetable
setup-periods-missing = The published timetable has no periods yet.
setup-periods-fix = Add periods
setup-fee-plans-missing = No fee plans yet.
setup-fee-plans-fix = Add a fee plan

## Today, for a teacher whose day cannot be found
setup-today-not-linked = Your account is not linked to a staff record, so none of your classes can be found.
setup-today-not-linked-ask = Your account is not linked to a staff record; ask your administrator to link it.
setup-today-link = Link it on the staff list
setup-today-no-classes = You do not teach any class yet.
setup-today-assign = Assign a teacher to a class subject

## A new walkthrough with nobody to visit
setup-walk-no-teachers = There is nobody on the staff list to visit yet.
setup-walk-no-teachers-ask = There is nobody on the staff list to visit yet; ask your administrator to add the teachers.
