# The language a person reads Homeroom in (their profile) and their school's.

profile-language-heading = Language
profile-language-label = Language of Homeroom's pages
profile-language-school = The school's language ({ $language })
profile-language-browser = Your browser's language
profile-language-save = Save language
profile-language-saved = Your language is saved.
language-unknown = Choose one of the languages in the list.

organization-language-heading = School language
organization-language-label = Language of { $school }
organization-language-browser = Each person's browser language
organization-language-hint = Everyone who has not chosen a language on their profile reads Homeroom in this one.
organization-language-save = Save school language
organization-language-saved = The school's language is saved.

# The profile page: one's own details, password, two-step sign-in and sessions.

profile-title = Your profile
profile-details-heading = Your details
profile-first-name = First name
profile-last-name = Last name
profile-phone = Phone
profile-details-save = Save details
profile-details-saved = Your details are saved.
profile-name-too-long = Use at most { $max } characters.
profile-name-characters = Use letters, spaces and punctuation only.
profile-phone-characters = Use digits, spaces and + - ( ) only, like +44 20 7946 0958.
profile-phone-digits = A phone number has 7 to 15 digits.
profile-password-heading = Password
profile-current-password = Current password
profile-new-password = New password
profile-new-password-again = The new password again
profile-password-hint = At least 10 characters. Changing it signs out your other devices.
profile-password-change = Change password
profile-password-changed = Your password is changed. Other devices have been signed out.
profile-current-password-wrong = That is not your current password.
profile-current-password-tries = That was the wrong current password too many times. Wait a quarter of an hour and try again.
profile-sessions-heading = Where you are signed in
profile-session-this-device = This device
profile-session-seen = { $address } · last seen { $seen } · signed in { $signed_in }
profile-ip-unknown = unknown
profile-device-unknown = Unknown device
profile-device-browser-on = { $browser } on { $system }
profile-sessions-sign-out-others = Sign out other sessions
profile-sessions-sign-out-all = Sign out everywhere
profile-signed-out-others = { $count ->
    [0] There were no other sessions to sign out.
    [one] Signed out of 1 other session.
   *[other] Signed out of { $count } other sessions.
}
profile-signed-out-everywhere = You have signed out everywhere, on this device too.

# Two-step sign-in: setting it up, turning it off, and the recovery codes.

profile-mfa-heading = Two-step sign-in
profile-mfa-on = On
profile-mfa-off = Off
profile-mfa-on-text = { $count ->
    [one] Signing in asks for a code from your authenticator app. You have 1 recovery code left.
   *[other] Signing in asks for a code from your authenticator app. You have { $count } recovery codes left.
}
profile-mfa-off-text = Add a code from an authenticator app to your password, so a stolen password alone cannot open your account.
profile-mfa-manage = Manage two-step sign-in
profile-mfa-set-up = Set up two-step sign-in
profile-mfa-back = Back to your profile
profile-mfa-required-stays = Your role requires two-step sign-in, so it cannot be turned off.
profile-mfa-turn-off-heading = Turn it off
profile-mfa-current-code = A current code from your app
profile-mfa-or-password = or your password
profile-mfa-turn-off = Turn two-step sign-in off
profile-mfa-required-set-up = Your role requires two-step sign-in. Set it up to continue.
profile-mfa-step-app = Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password) and add an account.
profile-mfa-step-scan = Scan this code with it.
profile-mfa-step-no-picture = Scan this code with it (no picture could be made; type the key instead).
profile-mfa-qr-alt = QR code for your authenticator app
profile-mfa-type-key = Or type this key:
profile-mfa-step-code = Enter the 6-digit code the app shows.
profile-mfa-code-label = Code from the app
profile-mfa-turn-on = Turn on two-step sign-in
profile-mfa-code-wrong = That code did not match. Enter the 6-digit code your app shows now.
profile-mfa-role-requires = Your role requires two-step sign-in, so it stays on.
profile-mfa-prove = Enter a current code from your app, or your password, to turn two-step sign-in off.
profile-mfa-turned-off = Two-step sign-in is off.
profile-recovery-heading = Two-step sign-in is on
profile-recovery-from-now = From now on, signing in asks for a code from your app.
profile-recovery-title = Your recovery codes
profile-recovery-explain = If you lose your phone, each of these codes signs you in once instead of the app. Print them or write them down now and keep them somewhere safe:
profile-recovery-once = they are shown only this once.
profile-recovery-kept = I have kept them
