# Staff development: the weekly frame, zone check-ins and sign learning.

## The weekly frame
sd-nav-frame = Weekly frame
sd-frame-title = Weekly frame
sd-frame-lead = This week's notes from the leadership team, with the earlier weeks below.
sd-frame-write = Write a frame
sd-frame-new-title = New weekly frame
sd-frame-edit-title = Change the draft
sd-frame-week-title = Frame for the week of { $week }
sd-frame-week-of = Week of { $week }
sd-frame-by = By { $author } · { $audience }
sd-frame-whole-school = The whole school
sd-frame-draft = Draft
sd-frame-drafts = Drafts
sd-frame-earlier = Other weeks
sd-frame-none-this-week = No frame has been published for this week yet.
sd-frame-none-earlier = No other weeks yet.
sd-frame-formal = Formal
sd-frame-recognition = Recognition
sd-frame-application = Application
sd-frame-management = Management
sd-frame-emotional = Emotional
sd-frame-week-label = Week of (a Monday)
sd-frame-week-hint = Staff see the frame of the current week first.
sd-frame-for = For
sd-frame-save-draft = Save as draft
sd-frame-publish = Publish
sd-frame-change = Change
sd-frame-draft-saved = The draft is saved. Staff will see it once it is published.
sd-frame-published = { $count ->
    [one] The frame is published; one person was told in their inbox.
   *[other] The frame is published; { $count } people were told in their inbox.
}
sd-frame-already-published = This frame was already published; nobody was told again.
sd-frame-error-week = Enter the week as a date.
sd-frame-error-monday = Choose the Monday the week starts on.
sd-frame-error-campus = Choose a campus of this school, or the whole school.
sd-frame-error-section-empty = Write this section.
sd-frame-error-section-long = Keep this section to { $max } characters.
sd-frame-error-section-unstorable = This section holds characters that cannot be stored; type it again.
sd-frame-notice-subject = The frame for the week of { $week } is published
sd-frame-notice-body = { $author } has published the frame for the week of { $week }. Read it here: { $link }

## Zone check-ins
sd-nav-zones = Zone check-in
sd-nav-zone-campuses = Team zones
sd-zone-blue = Blue
sd-zone-green = Green
sd-zone-yellow = Yellow
sd-zone-red = Red
sd-zone-heading = How are you today?
sd-zone-ask = Tap the zone you are in. Only the campus totals are ever shared, never your name.
sd-zone-latest = Last check-in: { $zone } ({ $count } of { $limit } today).
sd-zone-add-note = Add a private note
sd-zone-note-label = Note (only you can read it)
sd-zone-note-hint = Optional. Nobody else sees this note, not even the school's administrators.
sd-zone-note-long = Keep the note to { $max } characters.
sd-zone-note-unstorable = The note holds characters that cannot be stored; type it again.
sd-zone-unknown = Choose one of the four zones.
sd-zone-checked-in = Checked in: { $zone }. Thank you.
sd-zone-limit = { $count ->
    [one] You have checked in once today, which is the most for a day. Come back tomorrow.
   *[other] You have checked in { $count } times today, which is the most for a day. Come back tomorrow.
}
sd-zones-title = Zone check-in
sd-zones-lead = Your check-ins this week, with your private notes.
sd-zones-your-week = Your week
sd-zones-none-this-week = You have not checked in this week yet.
sd-zone-campuses-title = Team zones
sd-zone-campuses-lead = Check-ins per campus and day, over the last two weeks. A day shows its figures only when at least { $count } people checked in, so no one can be singled out.
sd-zone-campuses-none = Nobody has checked in over the last two weeks.
sd-zones-no-campus = No campus
sd-zone-count = { $zone }: { $count }
sd-zone-too-few = Fewer than { $count } people checked in: not shown.
