# A record's files: the list, the upload form, and what an upload is refused for.

files-heading = Files
files-title = Files of { $record }
files-back-to = Back to { $record }
files-none-attached = No file is attached yet.
files-upload-below = Upload one below.
files-none-of-purpose = No { $purpose } yet.
files-none-on-record = No files are attached to this record.
files-remove = Remove
files-remove-named = Remove { $name }
files-removed = Removed { $name }.
files-saved = { $purpose } saved: { $name }.
files-new-photo = New photo
files-add-file = Add a file
files-hint-photo = A JPEG, PNG, WebP or GIF picture, up to { $limit }.
files-hint-any = A photo, PDF, text or CSV file, or an office document, up to { $limit }.
files-upload = Upload
files-size-kb = { $size } KB
files-size-mb = { $size } MB

files-purpose-photo = Photo
files-purpose-attachment = Attachment
files-purpose-proof = Proof of payment
files-purpose-file = Document file

files-type-pdf = PDF
files-type-csv = CSV
files-type-text = Text
files-type-image = Image
files-type-document = Document
files-type-spreadsheet = Spreadsheet
files-type-slides = Slides
files-type-file = File

## Why an upload is refused

files-error-empty = Choose a file to upload.
files-error-too-large = The file is larger than { $limit }, the most one upload may hold.
files-error-refused = This file is { $what }. Homeroom accepts photos (JPEG, PNG, WebP, GIF), PDF, plain text or CSV, and office documents (Word, Excel, PowerPoint, OpenDocument).
files-error-not-an-image = A photo must be a photo (JPEG, PNG, WebP or GIF).
files-error-unreadable = The upload could not be read: { $why }
files-error-misleading-name = The file name has characters that change the direction of text, so it may not read as what it is. Rename the file and upload it again.
files-error-storage-full = The file was not saved: there is not enough storage space on the server for it. Nothing else was lost; ask an administrator to free some space, then try again.
files-error-storage-unwritable = The file was not saved: the server cannot store files right now. Nothing else was lost; please try again later, and tell an administrator if it goes on.
files-error-no-kind = Files belong to students, staff, invoices, payments, assessments or documents; this address names none of them.
files-error-no-record = This address does not name a record.
files-error-wrong-purpose = A { $record } takes a file as its { $purpose }.

files-kind-web-page = a web page
files-kind-script = a script
files-kind-program = a program
files-kind-archive = an archive
files-kind-image = an image type we do not show
files-kind-video = a video
files-kind-audio = a sound recording
files-kind-other = a kind of file we do not accept
files-kind-unknown = a kind of file we cannot recognise
