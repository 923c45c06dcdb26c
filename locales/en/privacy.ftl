# Privacy: the access log (who saw which student's record).

records-entity-access_log = Access log
priv-nav-access = Who saw what
priv-tab-seen = Who has seen this record
priv-tab-intro = Every staff view of this student's pages, files and exports, newest first.
priv-tab-none = No one has opened this record yet.
priv-someone = An account of another school
priv-newer = Newer views
priv-older = Older views
priv-when = When
priv-who = Who
priv-page = Page
priv-student = Student
priv-students-count = { $count ->
    [one] An export of one student
   *[other] An export of { $count } students
}
priv-access-title = Who saw what
priv-access-intro = The student records one staff member opened or exported over a range of days.
priv-access-caption = Student records viewed by the chosen staff member, newest first
priv-staff = Staff member
priv-choose-staff = Choose a staff member
priv-from = From
priv-to = To
priv-show = Show
priv-access-choose = Choose a staff member to see the records they viewed.
priv-access-none = This staff member viewed no student records on these days.
priv-error-date = Enter a date such as 2026-12-02.
priv-error-staff = Choose a staff member from the list.
priv-error-range = The last day must not come before the first.
