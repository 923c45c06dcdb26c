# The error page and every refusal: what went wrong and what to do next.

error-go-home = Go to the dashboard
error-not-found-title = Page not found
error-not-found = We could not find that page. It may have moved, or the record may have been removed.
error-forbidden-title = Not allowed
error-forbidden = Your account does not have permission for this page. Ask an administrator if you need it.
error-csrf-title = This form has expired
error-csrf = For your safety the form could not be accepted. Go back, reload the page and try again.
error-bad-request-title = Something is not right
error-unavailable-title = Temporarily unavailable
error-unavailable = Homeroom cannot reach its database right now. Nothing was lost; please try again in a few seconds.
error-storage-full-title = Storage full
error-storage-unavailable-title = Cannot save files right now
error-internal-title = Something went wrong
error-internal = An unexpected error stopped this page. It has been logged; please try again.
error-uri-too-long-title = Address too long
error-uri-too-long = This address is too long for Homeroom to open. Go back and search or filter with fewer words.
error-headers-too-large-title = Request too large
error-headers-too-large = Your browser sent more than Homeroom accepts, usually too many cookies for this site. Clear this site's cookies and sign in again.
error-too-many-attempts-title = Too many attempts
error-too-many-attempts = { $minutes ->
    [one] There have been too many sign-in attempts from your network. Wait { $minutes } minute and try again.
   *[other] There have been too many sign-in attempts from your network. Wait { $minutes } minutes and try again.
}
error-form-controls = A field of this form contains characters that cannot be stored (control characters such as NUL). Nothing was saved: go back, remove them and send the form again.
error-form-unreadable = The form could not be read ({ $cause }). Go back, check what you entered and send it again.
error-query-unreadable = This address has a parameter we cannot read ({ $cause }).
error-field-line-breaks = { $label } cannot contain line breaks or tabs.
error-field-controls = { $label } contains characters that cannot be stored.
error-field-direction = { $label } cannot contain characters that change the direction of text.
error-session-ended-form-kept = Your session ended — sign in again and your form will come back as you left it.
