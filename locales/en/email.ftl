# E-mails Homeroom sends about an account: a reset link, a lock, an invitation.

email-reset-subject = Choose a new Homeroom password
email-reset-body =
    Someone (hopefully you) asked to reset the password of your Homeroom account.

    Choose a new password here within the next hour:
    { $link }

    If you did not ask for this, ignore this e-mail: your password stays as it is.
email-locked-subject = Your Homeroom account is locked for now
email-locked-body =
    There have been too many failed attempts to sign in to your Homeroom account, so it is locked until { $day } { $time }. Until then even the right password is refused.

    If these attempts were not yours, someone may be guessing your password: after { $day } { $time }, sign in and change it, or use "Forgot your password?" on the sign-in page to choose a new one.
email-invite-subject = You're invited to Homeroom at { $organization }
email-invite-body =
    Hello { $first },

    { $inviter } has invited you to Homeroom at { $organization }, where you will sign in as { $role }.

    Choose your password here to start (the link works once, for { $days ->
        [one] { $days } day
       *[other] { $days } days
    }):
    { $link }

    Your sign-in name is this e-mail address: { $email }

    If you were not expecting this invitation, you can ignore this e-mail.
