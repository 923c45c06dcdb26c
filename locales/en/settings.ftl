# The school's settings and, for those with access to every organization, the
# choice of organization (/organization, /settings).

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

settings-intro = Each section saves on its own. Changes are recorded in the audit log with your name.

settings-name-heading = School name
settings-name-label = Name shown in the header, on mail and on printed pages
settings-name-save = Save name
settings-name-saved = The school's name is saved.
settings-name-direction = Remove the characters that change the direction of the text.
settings-name-required = Enter the school's name.
settings-name-too-long = Use at most 120 characters.

settings-logo-heading = Logo
settings-logo-alt = Logo of { $school }
settings-logo-none = No logo yet: the header shows the school's name alone.
settings-logo-label = New logo
settings-logo-hint = A PNG, JPEG, WebP or GIF image of at most { $limit }. SVG files are not accepted, as they can carry scripts.
settings-logo-save = Upload logo
settings-logo-saved = The new logo is saved.
settings-logo-remove = Remove logo
settings-logo-removed = The logo is removed.

settings-colour-heading = Header colour
settings-colour-label = Colour code
settings-colour-hint = A colour as #RRGGBB, for example #1d4e89. Header text is white, so the colour must be dark enough to read it: a contrast of at least 4.5:1.
settings-colour-save = Save colour
settings-colour-reset = Use Homeroom's colour
settings-colour-saved = The header colour is saved.
settings-colour-unreadable = Write the colour as # and six hexadecimal digits, for example #1d4e89.
settings-colour-low-contrast = White text on this colour has a contrast of only { $ratio }:1; at least 4.5:1 is needed so everyone can read the header. Choose a darker colour.

settings-mail-heading = E-mail sender
settings-mail-intro = Mail is sent from this installation's own address so it is not taken for spam; families see the school's name as the sender, and their replies go to the school's address.
settings-sender-name-label = Sender name
settings-sender-name-hint = Leave empty to use { $school }.
settings-sender-name-symbols = A sender name cannot contain < > " or @.
settings-reply-to-label = Reply-to address
settings-reply-to-hint = The school's own e-mail address, where replies arrive. Leave empty for none.
settings-reply-to-invalid = Enter an e-mail address such as office@school.org.
settings-mail-save = Save e-mail sender
settings-mail-saved = The e-mail sender is saved.

settings-region-heading = Time zone and currency
settings-time-zone-label = Time zone
settings-time-zone-hint = The school's time zone as a place name, for example Europe/Madrid or America/Mexico_City. School days and times follow it.
settings-time-zone-unknown = "{ $value }" is not a time zone. Choose one from the list, such as Europe/Madrid.
settings-currency-label = Currency
settings-currency-hint = The three-letter ISO 4217 code, for example EUR, USD or MXN. Invoices and payments are shown in it.
settings-currency-unknown = "{ $value }" is not a currency code. Use a three-letter ISO 4217 code such as EUR or USD.
settings-region-save = Save time zone and currency
settings-region-saved = The time zone and currency are saved.

settings-school-day-heading = School day
settings-school-day-intro = When the day starts at each campus: staff who check in later are marked late.
settings-school-day-no-campus = There is no campus yet.
settings-school-day-add-campus = Add a campus
settings-school-day-label = Day starts at { $campus }
settings-school-day-save = Save start times
settings-school-day-saved = The start times are saved.
settings-school-day-unknown = One of the campuses was not found. Reload the page and try again.
settings-school-day-unreadable = Enter each start time as hours and minutes, for example 08:30.

settings-areas-heading = Walkthrough areas
settings-areas-intro = The seven areas a walkthrough rates keep their meaning; give them the names your school uses. Leave a field empty to keep Homeroom's name.
settings-areas-save = Save area names
settings-areas-saved = The walkthrough area names are saved.
settings-area-too-long = Use at most 60 characters.
settings-numbers-heading = Student numbers
settings-numbers-label = Pattern of a new student's number
settings-numbers-hint = A student added without a number gets one: {"{"}year{"}"} is the calendar year and {"{"}seq{"}"} the year's next number; {"{"}seq:05{"}"} pads it to five digits. Numbers already given stay as they are.
settings-numbers-next = The next new student gets { $number }.
settings-numbers-save = Save the pattern
settings-numbers-saved = The pattern of student numbers is saved.
settings-number-too-long = Keep the pattern to one line of at most 40 characters.
settings-number-needs-sequence = Put {"{"}seq{"}"} (or {"{"}seq:05{"}"}) in the pattern, so every student gets a different number.
settings-number-unknown-part = Only {"{"}year{"}"}, {"{"}seq{"}"} and {"{"}seq:0N{"}"} (N from 1 to 12) may stand between braces.
