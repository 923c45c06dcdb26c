# Signing in.

signin-title = Sign in
signin-heading = Sign in to Homeroom
signin-email = Email
signin-password = Password
signin-keep-signed-in = Keep me signed in on this device
signin-submit = Sign in
signin-forgot-password = Forgot your password?
signin-wrong-credentials = That email and password do not match an account. Check both and try again.
signin-account-disabled = This account is disabled. Ask an administrator to enable it.
signin-no-organization = This account is not part of any organization yet. Ask an administrator to add it to one.

# The second step, a forgotten password, choosing a password, a lock.

signin-code-title = Two-step sign-in
signin-code-label = Code from your authenticator app
signin-code-hint = The 6-digit code it shows now, or one of your recovery codes.
signin-code-continue = Continue
signin-code-someone-else = Sign in as someone else
signin-code-wrong = That code did not work. Enter the 6-digit code your app shows now, or one of your recovery codes.
signin-code-expired = Your sign-in took too long to finish. Sign in again.
signin-signed-out = You have signed out.
signin-locked = { $minutes ->
    [one] This account is locked for { $minutes } minute after too many failed sign-in attempts. Try again then, or use "Forgot your password?" to choose a new one.
   *[other] This account is locked for { $minutes } minutes after too many failed sign-in attempts. Try again then, or use "Forgot your password?" to choose a new one.
}
password-forgot-intro = Enter the email address you sign in with. We will send you a link to choose a new password.
password-forgot-send = Send the link
password-forgot-bad-email = Enter the email address you sign in with, like name@school.org.
password-forgot-sent = If an account exists for { $email }, we have sent it a link to choose a new password. The link works once, within the next hour.
password-forgot-nothing-arrived = Nothing arrived? Check the spam folder, or ask your school's administrator.
password-back-to-sign-in = Back to sign in
password-set-title = Choose your password
password-set-intro = For the Homeroom account { $email }. Use at least 10 characters; a few unrelated words make a good password.
password-new = New password
password-again = The same password again
password-set-save = Save the password
password-set-done = Your password is set. Sign in with your email and the new password.
password-link-expired = This link has expired or has already been used.
password-link-expired-help = Links to choose a password work once: a reset link for one hour, an invitation for seven days. You can ask for a new link, or ask your school's administrator to invite you again.
password-link-new = Send me a new link
password-too-short = Use at least { $min } characters.
password-too-long = Use at most { $max } characters.
password-guessable = This password is too easy to guess.
password-mismatch = The two passwords are not the same. Type the new password twice.

## The guessing library's advice on a weak password, after password-guessable.
password-advice-key-rows = Straight rows of keys are easy to guess.
password-advice-key-patterns = Short keyboard patterns are easy to guess.
password-advice-repeats = Repeats like "aaa" are easy to guess.
password-advice-repeated-runs = Repeats like "abcabcabc" are only slightly harder to guess than "abc".
password-advice-top-10 = This is a top-10 common password.
password-advice-top-100 = This is a top-100 common password.
password-advice-common = This is a very common password.
password-advice-similar = This is similar to a commonly used password.
password-advice-sequences = Sequences like abc or 6543 are easy to guess.
password-advice-recent-years = Recent years are easy to guess.
password-advice-one-word = A word by itself is easy to guess.
password-advice-dates = Dates are often easy to guess.
password-advice-names = Names and surnames by themselves are easy to guess.
password-advice-common-names = Common names and surnames are easy to guess.
password-advice-use-words = Use a few words, avoid common phrases.
password-advice-no-symbols-needed = No need for symbols, digits, or uppercase letters.
password-advice-add-words = Add another word or two. Uncommon words are better.
password-advice-capitals = Capitalization doesn't help very much.
password-advice-all-capitals = All-uppercase is almost as easy to guess as all-lowercase.
password-advice-reversed = Reversed words aren't much harder to guess.
password-advice-substitutions = Predictable substitutions like '@' instead of 'a' don't help very much.
password-advice-longer-pattern = Use a longer keyboard pattern with more turns.
password-advice-avoid-repeats = Avoid repeated words and characters.
password-advice-avoid-sequences = Avoid sequences.
password-advice-avoid-recent-years = Avoid recent years.
password-advice-avoid-your-years = Avoid years that are associated with you.
password-advice-avoid-your-dates = Avoid dates and years that are associated with you.
