# Walkthroughs: a director's classroom visit, the list, the detail, the teacher's
# and the campus's insight pages, and the notice the observed teacher gets.

## The seven areas a director rates, as a name on its own
walk-area-attitude = Attitude
walk-area-classroom-management = Classroom management
walk-area-cleanliness = Cleanliness
walk-area-vibes = Vibes
walk-area-team-dynamics = Team dynamics
walk-area-emergency-exit = Emergency exit
walk-area-lesson-plan = Lesson plan
walk-overall = Overall

## Titles and shared words
walk-list-title = Walkthroughs
walk-new-title = New walkthrough
walk-edit-title = Change walkthrough
walk-detail-title = Walkthrough · { $teacher }
walk-trend-title = Walkthroughs · { $name }
walk-campus-title = Walkthroughs · { $campus }
walk-teacher = Teacher
walk-classroom = Classroom
walk-director = Director
walk-campus = Campus
walk-date = Date
walk-time = Time
walk-ratings = Ratings
walk-overall-notes = Overall notes
walk-not-yet = Not yet
walk-none-yet = No walkthroughs yet.
walk-area = Area
walk-visits = Visits
walk-average = Average
walk-when = { $weekday } { $date } { $time }
walk-date-time = { $date } { $time }

## The form
walk-draft-restored = Draft restored: you can carry on where you left off.
walk-draft-discard = Discard draft
walk-form-errors = Some answers need another look; they are marked below. Everything you entered is still here.
walk-where-and-when = Where and when
walk-classroom-placeholder = Start typing the room
walk-teacher-placeholder = Type a name
walk-suggest-lesson = Timetable: { $teacher } teaches { $class } { $subject } here, { $start }–{ $end }.
walk-suggest-no-lesson = No lesson now in { $room } on the timetable. Type the teacher's name.
walk-suggest-not-on-timetable = This classroom is not on the timetable. Type the teacher's name.
walk-suggest-nothing = Pick the classroom first: the timetable suggests who teaches there at that time.
walk-ratings-hint = 1 is poor, 5 is excellent.
walk-comment = Comment
walk-comment-on = Comment on { $area }
walk-save = Save walkthrough
walk-save-changes = Save changes
walk-cancel = Cancel
walk-saved = Walkthrough saved. The teacher has been told.
walk-changes-saved = Changes saved.

## The form's errors
walk-error-classroom = Choose the classroom you are in.
walk-error-classroom-long = The classroom can be at most { $max } characters.
walk-error-classroom-control = The classroom cannot contain line breaks or tabs.
walk-error-teacher = Choose the teacher you observed.
walk-error-teacher-unknown = Choose a teacher from the list.
walk-error-date = Enter the date of the visit, like 2026-03-14.
walk-error-time = Enter the time of the visit, like 10:35.
walk-error-date-future = This date is in the future. Enter the day of the visit.
walk-error-time-future = This time is still to come. Enter when the visit happened.
walk-error-rating-range = Rate { $area ->
    [attitude] attitude
    [classroom_management] classroom management
    [cleanliness] cleanliness
    [vibes] vibes
    [team_dynamics] team dynamics
    [emergency_exit] emergency exit
    [lesson_plan] lesson plan
   *[other] this area
} from 1 to 5.
walk-error-rating-missing = Choose a rating for { $area ->
    [attitude] attitude
    [classroom_management] classroom management
    [cleanliness] cleanliness
    [vibes] vibes
    [team_dynamics] team dynamics
    [emergency_exit] emergency exit
    [lesson_plan] lesson plan
   *[other] this area
}.
walk-error-comment-long = The { $area ->
    [attitude] attitude
    [classroom_management] classroom management
    [cleanliness] cleanliness
    [vibes] vibes
    [team_dynamics] team dynamics
    [emergency_exit] emergency exit
    [lesson_plan] lesson plan
   *[other] this area
} comment can be at most { $max } characters.
walk-error-comment-unstorable = The { $area ->
    [attitude] attitude
    [classroom_management] classroom management
    [cleanliness] cleanliness
    [vibes] vibes
    [team_dynamics] team dynamics
    [emergency_exit] emergency exit
    [lesson_plan] lesson plan
   *[other] this area
} comment contains characters that cannot be stored.
walk-error-notes-long = The overall notes can be at most { $max } characters.
walk-error-notes-unstorable = The overall notes contain characters that cannot be stored.
walk-error-reply-long = Your reply can be at most { $max } characters.
walk-error-reply-unstorable = Your reply contains characters that cannot be stored.

## The list
walk-list-lead = Classroom visits and how they went.
walk-list-lead-teacher = Visits to your classroom. Read each one and acknowledge it.
walk-your-trend = Your trend
walk-terms-and-coverage = Terms and coverage:
walk-all-campuses = All campuses
walk-all-teachers = All teachers
walk-all-directors = All directors
walk-from = From
walk-to = To
walk-filter = Filter
walk-none-match = No walkthroughs match. Try another filter.
walk-none-of-yours = Nobody has recorded a walkthrough of your classroom yet.
walk-when-column = When
walk-acknowledged-column = Acknowledged
walk-yes = Yes
walk-yes-replied = Yes, replied

## One walkthrough
walk-when-by = { $when } · by { $director }
walk-change = Change
walk-average-badge = average { $average }
walk-rating-of-five = { $rating } of 5
walk-no-overall-notes = No overall notes.
walk-edit-until = You can change this walkthrough until { $until }.
walk-acknowledgement = Acknowledgement
walk-acknowledged-badge = Acknowledged
walk-acknowledged-by = by { $teacher } on { $date }.
walk-your-reply = Your reply
walk-optional = (optional)
walk-acknowledge = Acknowledge
walk-not-acknowledged = { $teacher } has not acknowledged this walkthrough.
walk-delete-summary = Delete this walkthrough
walk-delete-hint = It disappears from every list and page; the record itself is kept.
walk-delete = Delete
walk-acknowledged = Thank you. The director can see that you have read it.
walk-already-acknowledged = You had already acknowledged this walkthrough.
walk-deleted = Walkthrough deleted. It no longer shows anywhere; the record itself is kept.

## A teacher's trend
walk-trend-count = { $count ->
    [one] { $count } walkthrough
   *[other] { $count } walkthroughs
}
walk-trend-count-yours = { $count ->
    [one] { $count } walkthrough of your classroom
   *[other] { $count } walkthroughs of your classroom
}
walk-trend-heading = Average per area over time
walk-chart-title = Walkthrough ratings of { $name } over time
walk-chart-desc-week = Average rating from 1 to 5 of each of the seven areas, per week. The table below gives the same numbers.
walk-chart-desc-month = Average rating from 1 to 5 of each of the seven areas, per month. The table below gives the same numbers.
walk-chart-point = { $area }, { $period }: { $average }
walk-period-week = Week of { $day }
walk-period-month = { $month } { $year }
walk-averages = Averages
walk-averages-note-week = Per week, by the Monday it starts; the last column counts every visit.
walk-averages-note-month = Per month; the last column counts every visit.
walk-all = All
walk-latest-comments = Latest comments
walk-no-comments = No comments yet.

## A campus
walk-campus-lead = Walkthroughs this term against last term, and who has not been visited lately.
walk-terms-heading = This term against last term
walk-terms-explained = Each academic year has two terms: its first half and its second half.
walk-term-first = { $year }, first term
walk-term-second = { $year }, second term
walk-this-term = This term: { $term } ({ $start } – { $end }), { $count ->
    [one] { $count } visit
   *[other] { $count } visits
}.
walk-last-term = Last term: { $term }, { $count ->
    [one] { $count } visit
   *[other] { $count } visits
}.
walk-no-last-term = There is no earlier term on record.
walk-no-terms = No academic year is on record, so there are no terms to compare.
walk-last-term-column = Last term
walk-this-term-column = This term
walk-change-column = Change
walk-coverage-heading = Not visited in the last { $days } days
walk-days = Days
walk-show = Show
walk-error-days = Enter a number of days from 1 to { $most }; showing { $days }.
walk-coverage-all = { $count ->
    [one] The { $count } teacher has had a walkthrough in the last { $days } days.
   *[other] Every one of the { $count } teachers has had a walkthrough in the last { $days } days.
}
walk-coverage-note = { $unvisited } of { $count } teachers, never visited first, then the longest ago.
walk-last-visit = Last visit
walk-days-ago = Days ago
walk-never = Never

## The notice to the observed teacher
walk-notice-subject = Walkthrough of { $classroom } on { $day } { $month } { $year }
walk-notice-visited = { $observer } visited { $classroom } at { $time } on { $date } and recorded a walkthrough.
walk-notice-rating = { $area }: { $rating } of 5
walk-notice-read = Read it and acknowledge it, with a reply if you like:
