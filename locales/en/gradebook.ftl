# The gradebook: a class subject's grid of scores, its assessments' workflow, terms,
# and the school's grading scale and weights.

## Menu and links
grade-nav-gradebooks = Gradebooks
grade-nav-grading = Grading scale
grade-nav-terms = Terms
grade-today-link = Open my gradebooks
grade-open-gradebook = Open the gradebook
grade-open-gradebooks = Gradebooks of this class

## The list of gradebooks
grade-index-title = Gradebooks
grade-index-none = You teach no class subject. A class's page links to its gradebooks.
grade-index-none-in-class = This class has no subjects yet.

## The grid
grade-term-label = Term
grade-term-show = Show
grade-term-option = { $term } ({ $from } – { $until })
grade-no-terms = This year has no terms yet: every assessment is shown. Terms are set on the academic year's page.
grade-read-only = You can read this gradebook; only its teacher can change it.
grade-no-assessments = No assessments in this term yet.
grade-no-students = No students are enrolled in this class.
grade-help = Type a score and press Enter to go down. { $excused } marks a student excused, { $missing } a missing piece of work. A column pasted from a spreadsheet fills down.
grade-caption = Scores of { $title }
grade-student = Student
grade-average-head = Average
grade-average = { $percent } · { $letter }
grade-column-about = { $kind } · out of { $max }
grade-column-about-due = { $kind } · out of { $max } · due { $due }
grade-column-save = Save column
grade-cell-label = { $student }, { $assessment }
grade-status-for = State of { $assessment }
grade-status-set = Set

## What a cell says
grade-code-excused = EX
grade-code-missing = M
grade-cell-not-a-number = Type a number, { $excused } or { $missing }.
grade-cell-negative = A score cannot be below 0.
grade-cell-over-max = The highest score is { $max }.
grade-cell-not-on-roll = This student is not in the class.
grade-cell-not-saved = Not saved: check the connection and type it again.
grade-cell-unknown = This cell is not part of the gradebook.

## Saving
grade-column-saved = { $count ->
    [one] 1 score saved.
   *[other] { $count } scores saved.
}
grade-column-refused = Nothing was saved: some scores need a second look.
grade-closed-refused = This assessment is closed; only an administrator can change it.
grade-status-changed = The assessment is now { $status }.
grade-status-unknown = That is not a state an assessment can be in.

## A new assessment
grade-new-open = New assessment
grade-new-name = Name
grade-new-kind = Kind
grade-new-max = Highest score
grade-new-due = Due on
grade-new-submit = Add the assessment
grade-new-hint = It starts as a draft that only you see; publish it to count it in averages.
grade-new-created = Assessment added as a draft.
grade-new-name-required = Give the assessment a name.
grade-new-name-long = Keep the name to { $max } characters.
grade-new-kind-required = Choose the kind of assessment.
grade-new-max-invalid = The highest score is a number above 0, up to { $most }.
grade-new-due-invalid = Choose a date.

## Weights
grade-weights-open = Weights of this subject
grade-weights-heading = Weights of each kind of assessment
grade-weights-hint-class = Leave every box empty to use the school's weights (or count every assessment alike).
grade-weights-hint-school = Used by every subject that has none of its own. Leave every box empty to count every assessment alike.
grade-weights-kind = Kind
grade-weights-percent = Weight (%)
grade-weights-save = Save the weights
grade-weights-saved = Weights saved.
grade-weight-not-a-percent = Type a percentage from 0 to 100.
grade-weight-total = The weights add up to { $total }; together they must make 100 %.

## The grading scale
grade-grading-title = Grading scale
grade-grading-intro = The letter of every score and average comes from this scale. Changing it gives every result of an assessment that is not closed its new letter.
grade-scale-heading = Lowest percentage of each letter
grade-scale-letter = Letter
grade-scale-from = From (%)
grade-scale-until = Up to
grade-scale-top = 100 %
grade-scale-below = below { $percent } %
grade-scale-save = Save the scale
grade-scale-saved = { $count ->
    [one] Scale saved; 1 result has its letter worked out again.
   *[other] Scale saved; { $count } results have their letters worked out again.
}
grade-scale-refused = The scale was not saved: each letter starts below the one above it, and F starts at 0.
grade-scale-not-a-percent = Type a percentage from 0 to 100.
grade-scale-overlap = Start below { $letter }, so the two letters do not overlap.
grade-scale-gap = F starts at 0, so every percentage has a letter.

## Terms
grade-term-of-year = { $year }, { $term }
grade-term-outside-year = A term lies within its year: { $from } to { $until }.
grade-term-overlaps = These dates meet the term { $term }; terms of a year do not overlap.
