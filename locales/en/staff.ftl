# Staff and their sign-in accounts: inviting a staff member, linking an existing user, inviting everyone at once.

staff-crumb = Staff
staff-open-account = Sign-in account
staff-account-title = Sign-in account of { $name }
staff-linked-head = Linked account
staff-signs-in-as = Signs in as { $user } ({ $email }).
staff-open-user = Open the user's page
staff-unlink = Unlink
staff-unlink-hint = Unlinking keeps the account; it no longer counts as this staff member (their classes on Today, their rolls).
staff-invite-head = Invite to sign in
staff-invite-intro = Creates an account with this e-mail address and sends an invitation to choose a password.
staff-role = Role
staff-invite-send = Send the invitation
staff-invite-no-email = This staff member has no e-mail address, so no invitation can be sent.
staff-add-email = Add an e-mail address
staff-invite-email-taken = An account with the e-mail { $email } already exists: link it instead.
staff-invite-sent = { $name } is invited: the invitation went to { $email }.
staff-link-head = Link an existing user
staff-link-none = Every user of the school already has a staff record.
staff-link-user = User
staff-choose-user = Choose a user
staff-link = Link
staff-linked = { $name } now signs in as { $user }.
staff-unlinked = { $name } has no sign-in account any more.
staff-already-linked = This staff member already has an account: unlink it first.
staff-user-taken = { $user } is already linked to the staff record of { $name }.
staff-link-raced = Someone linked this account or staff record a moment ago. Look at the page again.

staff-bulk-open = Invite everyone without an account
staff-bulk-title = Invite the staff without an account
staff-bulk-will-send = { $count ->
    [one] One invitation will be sent.
   *[other] { $count } invitations will be sent.
}
staff-bulk-no-email = { $count ->
    [0] Every staff member without an account has an e-mail address.
    [one] One staff member has no e-mail address and will not be invited.
   *[other] { $count } staff members have no e-mail address and will not be invited.
}
staff-bulk-progress = { $total ->
    [one] { $done } of one invitation handled…
   *[other] { $done } of { $total } invitations handled…
}
staff-bulk-back = Back to the staff list
staff-bulk-continue = Send the next invitations
staff-import-invite = Then invite the staff this file adds or changes who have an e-mail and no account
staff-import-inviting = Inviting the imported staff to sign in…
staff-import-invite-now = Send the invitations
staff-bulk-sent = { $count ->
    [0] No invitation was sent.
    [one] One invitation was sent.
   *[other] { $count } invitations were sent.
}
staff-bulk-confirm = { $count ->
    [one] Send one invitation
   *[other] Send { $count } invitations
}
staff-cancel = Cancel
staff-bulk-to-invite-head = To be invited
staff-bulk-invited-head = Invited
staff-bulk-nobody = Nobody.
staff-bulk-no-email-head = No e-mail address
staff-bulk-everyone-has-email = Everyone has an e-mail address.
staff-bulk-skipped-head = Not invited
staff-bulk-no-role = You may not give the role that matches their staff type: invite them from their page.
