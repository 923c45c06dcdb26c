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


## The zones guide (content)
sd-guide-title = Zones of regulation
sd-guide-lead = What each zone means and what helps, shown to staff of every school when they check in.
sd-guide-colour = Colour (#rrggbb)
sd-guide-description = What it means
sd-guide-strategies = What helps
sd-guide-strategies-hint = One strategy per line.
sd-guide-save = Save the zones
sd-guide-saved = The zones are saved.
sd-guide-error-four-zones = The guide needs each of the four zones exactly once.
sd-guide-error-colour = Enter the colour as # and six hexadecimal digits, such as #1f7a4d.
sd-guide-error-description = Say what this zone means.
sd-guide-error-too-long = Keep this to { $max } characters.
sd-guide-error-strategies = List at least one strategy, one per line.
sd-guide-error-strategies-long = List at most { $count } strategies of up to { $max } characters each.
sd-zone-what-helps = What helps in the { $zone } zone

## Sign learning
sd-nav-signs = Sign learning
sd-nav-sign-campuses = Team signs
sd-signs-title = Sign learning
sd-signs-lead = Learn the school's signs: look at each one, mark it learned, or test yourself.
sd-signs-progress = Your progress
sd-signs-learned-of = { $learned } of { $total } signs learned
sd-signs-none = No signs have been added yet.
sd-signs-learned = Learned
sd-signs-mark = Mark as learned
sd-signs-marked = “{ $word }” is marked as learned.
sd-sign-media-of = The sign for “{ $word }”
sd-practice-start = Practise
sd-practice-title = Practise the signs
sd-practice-question = Which word is this sign?
sd-practice-media = The sign to name
sd-practice-too-few = The self-test needs at least four signs.
sd-practice-right = Right: that is “{ $word }”. It counts as learned.
sd-practice-wrong = Not quite: that sign is “{ $word }”. Try another one.
sd-sign-campuses-title = Team signs
sd-sign-campuses-lead = How many of the { $total } signs each campus's staff have learned, on average.
sd-sign-campuses-none = No campus has staff with an account yet.
sd-sign-campus-staff = { $count ->
    [one] one staff member
   *[other] { $count } staff
}
sd-sign-campus-average = { $average } of { $total } on average
sd-sign-error-word = Write the sign's word.
sd-sign-error-word-taken = Another sign already has this word.
sd-sign-error-description = Say how the sign is made.
sd-sign-error-too-long = Keep this to { $max } characters.
sd-sign-error-media = A sign is shown with a picture (JPEG, PNG, WebP or GIF) or a video (MP4 or WebM).
sd-sign-error-media-unknown = Choose a picture or video kept for this sign; that file cannot be used here.
sd-vocabulary-title = Sign vocabulary
sd-vocabulary-edit-title = Change a sign
sd-vocabulary-add = Add a sign
sd-vocabulary-change = Change the sign
sd-vocabulary-word = Word
sd-vocabulary-description = How it is made
sd-vocabulary-media = Picture or video
sd-vocabulary-media-hint = A picture or a short video of the sign.
sd-vocabulary-media-kept = The sign has a picture or video; choose a file only to replace it.
sd-vocabulary-save = Save the sign
sd-vocabulary-saved = The sign is saved.
sd-vocabulary-count = { $count ->
    [one] One sign
   *[other] { $count } signs
}
sd-vocabulary-no-media = (no picture yet)
sd-vocabulary-remove = Remove
sd-vocabulary-removed = The sign is removed.
sd-vocabulary-not-removed = The sign could not be removed.

## The content catalog in the record pages
sd-catalog-editors = Edit the content in its editors
