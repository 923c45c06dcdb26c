# Privacy: the export of everything held on one student (a subject access request).

records-entity-student_exports = Student data exports
priv-export-start = Download everything held
priv-export-title = Everything held on { $student }
priv-export-intro = One ZIP file with every record the school keeps that names this student: a printable summary, each table's rows as JSON, and the student's files. It is kept for 24 hours, then deleted.
priv-export-starting = Starting the export…
priv-export-so-far = Gathering the records: step { $done } of { $total }
priv-export-refresh = Refresh
priv-export-ready = The archive is ready ({ $size }).
priv-export-download = Download the ZIP file
priv-export-expires = It can be downloaded until { $when }; then it is deleted.
priv-export-expired = This archive was deleted on { $when }. Start a new export to download the records again.
priv-export-gone = This archive is no longer kept. Start a new export to download the records again.
priv-export-failed = The export did not finish and nothing was kept. Start it again; if it fails again, tell an administrator.
priv-export-again = Start a new export
priv-export-yes = Yes
priv-export-no = No
priv-export-table-invoice-lines = Invoice lines
priv-export-table-discounts = Discounts given to the student
priv-export-table-report-comments = Report card comments
priv-export-table-report-cards = Issued report cards
priv-export-table-rollover = Year rollover choices
priv-export-summary-title = Everything held on { $student }
priv-export-summary-made = Made on { $when }
priv-export-summary-intro = This archive holds every record the school keeps that names this student. Each section below lists the rows of one table; the folder data holds the same rows as JSON files, and the folder files the student's files.
priv-export-summary-contents = Contents
priv-export-summary-files = The files themselves (folder files)
priv-export-summary-no-files = No files are filed under this student.
priv-export-summary-missing = These files are recorded, but their contents could not be read from the server's storage:
priv-export-summary-rows = { $count ->
    [one] One row
   *[other] { $count } rows
}
