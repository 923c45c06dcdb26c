# The school's settings and, for those with access to every organization, the
# choice of organization (/organization, /organization/settings).

settings-choose-title = Choose an organization
settings-choose-intro = Your account may act in every organization; pages show one at a time.
settings-current = current
settings-choose-unknown = Choose one of the organizations in the list.
settings-now-working-in = You are now working in { $organization }.

settings-week-start-heading = Calendar week
settings-week-start-label = First day of the week
settings-week-start-hint = Calendars at { $school } start each week on this day.
settings-week-start-save = Save first day of the week
settings-week-start-saved = The first day of the week is saved.
settings-week-start-unknown = Choose a day of the week from the list.
