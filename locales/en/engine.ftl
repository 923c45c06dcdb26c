# The record engine's pages: every school record's list, record page, form,
# delete and trash, history, import and export.

engine-records = Records
engine-records-none = Your role does not let you read any records. Ask an administrator if you need to.
engine-group-people = People
engine-group-academics = Academics
engine-group-attendance = Attendance
engine-group-finance = Finance
engine-group-communication = Communication
engine-group-modules = Product modules
engine-group-system = System

## The list

engine-import-csv = Import CSV
engine-trash = Trash
engine-search = Search
engine-filter = Filter
engine-filter-any = Any
engine-filter-from = { $field } from
engine-filter-to = { $field } to
engine-find-by-name = Find by name: { $field }
engine-type-to-find = Type to find…
engine-column-name = Name
engine-no-name = (no name)
engine-yes = Yes
engine-no = No
engine-list-none-match = No { $records } match. Try fewer words.
engine-list-clear-filters = Clear the filters
engine-list-empty = No { $records } yet.
engine-list-import-first = Import a CSV file
engine-list-recorded = Homeroom lists them here as it records them.
engine-list-ask = Ask someone who can add them.
engine-export-csv = Export CSV

## A record's page

engine-in-trash = In the trash
engine-edit = Edit
engine-delete = Delete
engine-restore = Restore
engine-details = Details
engine-recorded = Recorded
engine-added = Added
engine-last-changed = Last changed
engine-when-by = { $at } by { $who }
engine-open-in-walkthroughs = Open in walkthroughs
engine-open-in-jobs = Enable, disable or run tasks in Jobs
engine-related = Related records
engine-tab-empty = No { $records } yet.
engine-tab-add = Add one
engine-tab-all = All { $count } { $records }
engine-tab-open-list = Open as a list
engine-history = History
engine-history-none = No changes recorded yet.
engine-history-created = Created
engine-history-changed = Changed
engine-history-deleted = Deleted
engine-history-restored = Restored
engine-history-system = The system

## The form

engine-edit-title = Edit { $title }
engine-back = Back
engine-optional = (optional)
engine-choose = Choose…
engine-none = None
engine-picker-hint = Pick from the list, or type a name and save.
engine-save = Save
engine-cancel = Cancel
engine-form-invalid = Some fields need your attention. Nothing was saved yet.
engine-someone = Someone
engine-form-stale = { $who } changed this { $record } while you were editing. Compare both versions below; saving again keeps yours.
engine-conflict-heading = Both versions
engine-conflict-field = Field
engine-conflict-saved = Saved now
engine-conflict-yours = Yours
engine-conflict-hint = Your version is still in the form: save to keep it.
engine-conflict-leave = Leave it and keep the saved version
engine-saved-record = Saved the { $record }.
engine-added-record = Added the { $record }.
engine-relation-none = No { $record } “{ $given }” here. Choose one from the list.
engine-relation-many = More than one { $record } is called “{ $given }”. Choose one from the list.
engine-form-unreadable = The form could not be read.

## Delete, trash and restore

engine-delete-title = Delete { $title }
engine-delete-question = Delete { $title }?
engine-delete-back = Back to { $title }
engine-delete-explain = It moves to the trash. You can restore it from there.
engine-delete-keep = Keep it
engine-deleted = Deleted { $title }. It is in the trash, where you can restore it.
engine-restored = Restored { $title }.
engine-trash-title = Trash: { $records }
engine-trash-empty = The trash is empty. Deleted { $records } wait here until someone restores them.
engine-column-deleted = Deleted

## Import

engine-import-title = Import { $records }
engine-importing-title = Importing { $records }
engine-import-intro = Upload a CSV file with a header row. Columns are matched to fields by name; an export of this list shows the layout. Rows that match an existing { $record } update it, so importing the same file again adds nothing.
engine-import-needed-columns = Needed columns: { $columns }.
engine-import-file = CSV file
engine-import-preview = Preview
engine-import-columns = Columns
engine-import-columns-of = Columns of { $file }
engine-import-not-imported = not imported
engine-import-first-rows = First rows
engine-import-summary = { $total ->
    [one] { $total } row
   *[other] { $total } rows
}, { $bad } with problems
engine-import-line = Line { $line }
engine-import-field-error = { $field }: { $message }
engine-import-good-only = Import the { $good ->
    [one] { $good } good row
   *[other] { $good } good rows
} and leave out the rest
engine-import = Import
engine-import-another-file = Choose another file
engine-import-choose-file = Choose a CSV file to import.
engine-import-not-utf8 = The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.
engine-import-open-quote = The file ends inside a quoted cell; a closing quote is missing.
engine-import-empty-file = The file is empty. Export a list to see the columns it needs.
engine-import-no-column = The file has no column for { $field } ({ $column }).
engine-import-no-key-column = The file has no column for { $field }, which tells rows apart.
engine-import-key-needed = { $field } is needed to match this row on a later import.
engine-import-same-as-line = Line { $line } is the same record.
engine-import-file-has-problems = Nothing was imported: the file itself has problems.
engine-import-rows-have-problems = Nothing was imported: { $bad } of { $total ->
    [one] { $total } row
   *[other] { $total } rows
} { $bad ->
    [one] has problems
   *[other] have problems
}. Fix them and upload the file again, or choose to import only the good rows.
engine-import-gone = That upload is no longer here. Choose the file again.
engine-import-so-far = Imported { $done } of { $total ->
    [one] { $total } row
   *[other] { $total } rows
}…
engine-import-progress = { $done } of { $total }
engine-import-refresh = Refresh
engine-import-stopped = The import stopped and nothing was saved: { $reason }
engine-import-run-again = Run again
engine-import-try-again = Try again
engine-import-finished = Import finished: { $read ->
    [one] { $read } row
   *[other] { $read } rows
} read, { $added } added, { $updated } updated.
engine-import-open-list = Open the list

## What stands in the way of a delete, and what goes with it

engine-delete-blocked = This { $record } still has { $what }. Move them elsewhere or delete them first.
engine-delete-cascades = Its { $what } will be deleted with it (and come back if you restore it).
engine-delete-count = { $count ->
    [one] { $count } { $record }
   *[other] { $count } { $records }
}
engine-list-and = { $first } and { $last }
engine-list-comma = {", "}

## Why a record stays in the trash

engine-restore-parent-first = Restore its { $record } first: it is in the trash.
engine-restore-refused-because = It could not be restored: { $message }
engine-restore-refused = It could not be restored.

# A write the database refused, shown on the form.
engine-refused-unique = Another { $record } already has this { $field }.
engine-refused-same = Another { $record } is the same as this one.
engine-refused-range = { $field } is out of range.
engine-refused-check = Some values do not fit together. Check the form.
# Why an import's run stopped at a row: $field is the field's label, $problem what is wrong.
engine-import-line-problem = Line { $line }, { $field }: { $problem }
# Why an import's run stopped when its server stopped while it ran.
engine-import-interrupted = { $rows ->
    [one] it was interrupted after { $rows } row, when the server running it stopped.
   *[other] it was interrupted after { $rows } rows, when the server running it stopped.
}
