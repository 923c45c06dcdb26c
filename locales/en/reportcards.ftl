# Report cards: a class's cards for a term, their comments, issuing, and the term results.
rc-nav = Report cards
rc-index-title = Report cards
rc-index-none = No classes in this term's year.
rc-no-terms = No terms are set yet. Add a year's terms on its page, then report cards follow them.
rc-term-label = Term
rc-term-show = Show
rc-term-option = { $year }: { $term }
rc-term-dates = { $term } ({ $from } – { $until })
rc-class-title = Report cards: { $class }, { $term }
rc-card-title = Report card
rc-card-caption = Subjects, averages and comments of { $student }
rc-class-line = Class: { $class }
rc-term-line = { $term }: { $from } – { $until }
rc-student = Student
rc-subject = Subject
rc-average = Average
rc-letter = Grade
rc-comment = Teacher's comment
rc-attendance = Attendance
rc-attendance-line = Days present: { $present } · late: { $late } · absent: { $absent } · excused: { $excused }
rc-homeroom-comment = Homeroom teacher's comment
rc-principal-comment = Principal's comment
rc-issued-on = Issued on { $date }
rc-issued-summary = { $issued } of { $total } report cards issued.
rc-not-issued = A card not yet issued follows the gradebook and comments as they change.
rc-print-hint = Print this page to get one student per page, on A4 or Letter paper.
rc-pdf-a4 = PDF (A4)
rc-pdf-letter = PDF (Letter)
rc-paper-unknown = The paper size must be A4 or Letter.
rc-pdf-unavailable = PDF documents cannot be made on this server right now because its font is not installed. Print the page instead.
rc-results = Term results
rc-results-title = Term results: { $class }, { $term }
rc-csv = Download CSV
rc-csv-last-name = Last name
rc-csv-first-name = First name
rc-csv-average-of = { $subject }: average
rc-csv-letter-of = { $subject }: grade
rc-back-to-cards = Back to the report cards
rc-issue = Issue report cards
rc-issue-hint = Issuing keeps each card exactly as it is now: later changes to scores or comments do not change a card already issued.
rc-issued-count = { $count ->
    [0] Every card of this term was already issued.
    [one] One report card issued.
   *[other] { $count } report cards issued.
}
rc-no-students = No students are enrolled in this class.
rc-edit-homeroom = Homeroom comments
rc-edit-principal = Principal's comments
rc-comments-title-homeroom = Homeroom teacher's comments: { $class }, { $term }
rc-comments-title-principal = Principal's comments: { $class }, { $term }
rc-comments-save = Save comments
rc-comments-saved = { $count ->
    [one] One comment saved.
   *[other] { $count } comments saved.
}
rc-comments-refused = Nothing was saved: correct the comments marked below.
rc-comments-read-only = Only the class's homeroom teacher writes the homeroom comments, and only an administrator the principal's.
rc-comment-too-long = A comment can be at most { $max } characters.
rc-comment-kind-unknown = There are homeroom and principal comments only.
rc-comment-unknown = That comment is not for a student and term of this gradebook.
rc-gradebook-comment = Report card comment
rc-gradebook-comment-label = Report card comment for { $student }
rc-gradebook-comment-save = Save comment
rc-comment-saved = Saved

## A whole school's cards in the background
rc-run-heading = Cards for the whole school
rc-run-hint = Makes this term's cards of every class (or of one campus or grade) in the background, one PDF per class, kept here to download.
rc-run-campus = Campus
rc-run-all-campuses = Every campus
rc-run-grade = Grade
rc-run-all-grades = Every grade
rc-run-paper = Paper
rc-run-letter = Letter
rc-run-start = Make the cards
rc-run-term-needed = Choose a term first.
rc-run-title = Report cards in the background
rc-run-so-far = { $done } of { $total } classes done…
rc-run-refresh = Refresh
rc-run-interrupted = The run stopped after { $done } of { $total } classes, when the server running it stopped. Running it again makes only the classes still missing.
rc-run-again = Run again
rc-run-finished = { $files ->
    [one] Done: one class's cards to download.
   *[other] Done: { $files } classes' cards to download.
}
rc-run-students = { $count ->
    [one] one student
   *[other] { $count } students
}

rc-issued-link = Report card · { $term } (issued { $date })
