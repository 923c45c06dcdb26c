# The timetable builder: bell times, the week grid by class, teacher and room, the
# campus overview, clashes, drafts and publishing, and printing.

tt-nav = Timetable builder
tt-index-title = Timetables
tt-none = No timetables yet.
tt-campus = Campus
tt-name = Name
tt-status = Status
tt-from = From
tt-to = To
tt-actions = Actions
tt-make-draft = Make a draft copy
tt-clash-report = Clash report

## Bell times
tt-bells-title = Bell times
tt-bells-intro = The rows of every grid are the campus's bell times:
tt-bells-of = { $campus } bell times
tt-bells-hint = One line per period. Leave a line empty to remove it; lessons keep their own times.
tt-starts = Starts
tt-ends = Ends
tt-bells-row-name = Name of period { $row }
tt-bells-row-starts = Start of period { $row }
tt-bells-row-ends = End of period { $row }
tt-bells-save = Save bell times
tt-bells-name-needed = Every period needs a name of at most 60 characters.
tt-bells-times-invalid = { $name } needs a start and an end time, the end after the start.
tt-bells-overlap = { $first } and { $second } overlap: a period starts after the one before ends.

## The grid
tt-grid-title = Timetable · { $view }
tt-grid-caption = Week of { $view }
tt-room-heading = Room { $room }
tt-overview-heading = All rooms on { $day }
tt-by-class = By class
tt-by-teacher = By teacher
tt-by-room = By room
tt-overview = Rooms on a day
tt-show = Show
tt-print = Print
tt-period = Period
tt-day = Day
tt-room = Room
tt-add = Add
tt-add-at = Add a lesson on { $when } at { $starts }
tt-move = Move
tt-move-lesson = Move { $lesson }
tt-delete = Remove
tt-delete-lesson = Remove { $lesson }
tt-no-bells = This campus has no bell times and this view no lessons yet.
tt-panel-hint = Choose an empty cell to add a lesson, or Move on a lesson.
tt-published-readonly = A published timetable is not changed in place: make a draft copy, change it, and publish it from a date.
tt-no-teacher = no teacher
tt-lesson-name = { $class } { $subject }
tt-choice = { $class } · { $subject } · { $teacher }

## Adding and moving a lesson
tt-add-title = New lesson on { $day } at { $starts }
tt-class-subject = Class and subject
tt-choose = Choose…
tt-add-save = Add lesson
tt-move-title = Move { $lesson } ({ $class })
tt-move-save = Move lesson
tt-cancel = Cancel
tt-choose-subject = Choose the class and subject of the lesson.
tt-time-invalid = The lesson needs a start and an end time.
tt-time-order = The lesson must end after it starts.
tt-room-too-long = A room name has at most 60 characters.

## Clashes, refused and reported
tt-clash-teacher = { $has_room ->
    [yes] { $teacher } already teaches { $lesson } in { $room } on { $day } { $starts }–{ $ends }.
   *[no] { $teacher } already teaches { $lesson } on { $day } { $starts }–{ $ends }.
}
tt-clash-room = { $room } is already booked for { $lesson } with { $teacher } on { $day } { $starts }–{ $ends }.
tt-clash-class = { $class } already has { $subject } with { $teacher } on { $day } { $starts }–{ $ends }.
tt-clashes-title = Clash report · { $name }
tt-no-clashes = No clashes: no teacher, room or class is booked twice at the same time.
tt-clash-count = { $count ->
    [one] One clash to resolve before publishing:
   *[other] { $count } clashes to resolve before publishing:
}
tt-report-teacher = { $teacher } teaches { $first } and { $second } at the same time on { $day } { $starts }–{ $ends }.
tt-report-room = { $room } is booked for { $first } and { $second } at the same time on { $day } { $starts }–{ $ends }.
tt-report-class = { $class } has { $first } and { $second } at the same time on { $day } { $starts }–{ $ends }.

## Publishing
tt-publish-from = Publish from
tt-publish = Publish
tt-publish-hint = Days before this date keep the timetable they had; the current timetable ends the day before.
tt-published = Published: this timetable applies from { $date }.
tt-publish-clashes = { $count ->
    [one] Not published: one clash remains. See the clash report.
   *[other] Not published: { $count } clashes remain. See the clash report.
}
tt-publish-past = Not published: a timetable starts today or later, so past days keep theirs.
tt-publish-not-draft = Only a draft can be published.
tt-publish-date-invalid = Give the date the timetable starts.
tt-clash-record = This lesson clashes with another at the same time (same room, class or teacher). The timetable builder names it.

## A teacher's own week
tt-week-title = My week
tt-week-of = Week of { $date }
tt-week-day = { $day } { $date }
tt-week-caption = My lessons this week
tt-week-room = Room { $room }
tt-week-today = Today's rolls
tt-week-none = No lessons on the timetable this week.
tt-week-not-staff = Your account has no staff record, so no timetable is yours.
tt-week-link = My week
tt-feed-name = My lessons
tt-feed-hint = Your lessons from four weeks back to twelve weeks ahead, day by day as the timetable in effect has them, in your calendar app.
