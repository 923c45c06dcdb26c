# A user's secret feed links (the subscribe box on the calendar and the lessons pages).
feed-subscribe-title = Subscribe in your calendar app
feed-subscribe-hint = Add this link to Google Calendar, Outlook or Apple Calendar as a subscription ("From URL"); it keeps itself up to date.
feed-link-label = Your private link
feed-private-hint = Anyone with this link can see these events without signing in. Keep it to yourself.
feed-reset = Reset link
feed-reset-warning = The current link will stop working at once, and any calendar app subscribed to it will need the new one.
feed-reset-confirm = Reset the link now
feed-reset-done = Your feed link was reset. The old link no longer works.
