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
