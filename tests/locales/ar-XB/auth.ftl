signin-title = ‮Sign in‬
signin-heading = ‮Sign in to Homeroom‬
signin-submit = ‮Sign in‬
