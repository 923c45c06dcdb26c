# Administration: users, invitations, roles, the permission grid and the outbox.

admin-cancel = Cancel
admin-search = Search
admin-filter = Filter
admin-name = Name
admin-email = E-mail
admin-role = Role
admin-status = Status
admin-address = Address
admin-device = Device
admin-device-unknown = Unknown
admin-actions = Actions
admin-never = Never
admin-no-role = No role
admin-last-sign-in = Last sign-in
admin-mfa-on = MFA on

admin-status-active = Active
admin-status-invited = Invited
admin-status-disabled = Disabled

admin-users-title = Users
admin-users-intro = Everyone who signs in to { $organization }.
admin-users-search-placeholder = Name or e-mail
admin-all-roles = All roles
admin-any-status = Any status
admin-users-none-match = No users match. Try fewer words or another filter.
admin-users-none = No users yet.

admin-user-account = Account
admin-user-added = Added
admin-user-resend-invitation = Resend invitation
admin-user-enable = Enable account
admin-user-disable = Disable and sign out
admin-user-change-role = Change role
admin-user-save-role = Save role
admin-user-extra-permissions = Extra permissions
admin-user-extra-permissions-hint = Permissions beyond the role, for this person only.
admin-user-role-changed = { $name } is now { $role }.
admin-user-disable-self = You cannot disable your own account. Ask another administrator if it should be.
admin-user-enabled = { $name } can sign in again.
admin-user-disabled = { $name } is disabled and signed out everywhere.
admin-sessions-title = Signed in on
admin-sessions-none = No active sessions.
admin-sessions-started = Started
admin-sessions-last-seen = Last seen
admin-sessions-ends = Ends
admin-sessions-this = This session
admin-sessions-sign-out = Sign out
admin-session-ended = The session is ended; that device is signed out.
admin-history-title = Sign-in history
admin-history-none = No sign-ins yet.
admin-history-when = When
admin-history-result = Result
admin-history-how = How
admin-history-signed-in = Signed in
admin-failure-unknown-email = Unknown email
admin-failure-wrong-password = Wrong password
admin-failure-wrong-code = Wrong MFA code
admin-failure-locked = Locked
admin-failure-disabled = Disabled
admin-failure-no-organization = No organization
admin-failure-reset-requested = Reset requested
admin-failure-wrong-current-password = Wrong current password
admin-failure-other = Failed

admin-invite-title = Invite a user
admin-invite-intro = They get an e-mail with a link to choose their password.
admin-invite-send = Send invitation
admin-invite-sent = Invitation sent to { $email }.
admin-invite-no-role = a member of staff
admin-invite-again-disabled = Enable the account before sending a new invitation.
admin-invite-again-active = { $name } has already chosen a password, so there is no invitation to send.
admin-invite-again-sent = A new invitation went to { $email }. The earlier link no longer works.
admin-first-name = First name
admin-first-name-missing = Enter the first name.
admin-last-name = Last name
admin-last-name-missing = Enter the last name.
admin-email-address = E-mail address
admin-email-missing = Enter the e-mail address.
admin-email-invalid = Enter an e-mail address like name@school.org.
admin-email-taken = Someone already has an account with this e-mail address.
admin-field-too-long = { $label } can be at most { $max } characters.
admin-role-missing = Choose a role.
admin-role-unknown = Choose one of the roles in the list.

admin-roles-title = Roles
admin-roles-intro = A role is what a person may do. Roles are shared by every organization of this Homeroom.
admin-roles-intro-read-only = A role is what a person may do. Roles are shared by every organization of this Homeroom; only a Super Administrator can change them.
admin-roles-users-here = Users here
admin-roles-users-everywhere = In all organizations
admin-roles-sign-in = Sign-in
admin-roles-password = Password
admin-role-global-access = Global access
admin-role-mfa-required = MFA required
admin-role-users-here = { $here ->
    [one] { $here } user here
   *[other] { $here } users here
}
admin-role-users-here-and-everywhere = { $here ->
    [one] { $here } user here
   *[other] { $here } users here
}, { $everywhere } in all organizations
admin-role-details = Details
admin-role-save-details = Save details
admin-role-no-description = No description.
admin-role-shared = Roles are shared by every organization of this Homeroom, so only a Super Administrator can change them.
admin-role-permissions = Permissions
admin-role-delete-title = Delete this role
admin-role-delete-hint = Nobody has this role. Deleting it removes it from the lists; its record is kept.
admin-role-delete = Delete role
admin-role-delete-held = A role can be deleted once nobody has it. Give its users another role first.
admin-role-new-title = New role
admin-role-new-hint = The new role starts with no permissions; you choose them on the next page.
admin-role-create = Create role
admin-role-name = Name
admin-role-name-missing = Enter the name.
admin-role-name-taken = Another role already has this name.
admin-role-description = Description
admin-role-description-hint = Optional: what people with this role do.
admin-role-require-mfa = Require a second step (MFA) at sign-in
admin-role-created = Role “{ $name }” created. Tick what it may do.
admin-role-saved = Role saved.
admin-role-deleted = Role “{ $name }” deleted.
admin-role-builtin = “{ $name }” comes with Homeroom and cannot be deleted. You can change its permissions instead.
admin-role-held = { $count ->
    [one] “{ $name }” cannot be deleted while { $count } user has it. Give them another role first.
   *[other] “{ $name }” cannot be deleted while { $count } users have it. Give them another role first.
}

admin-grid-saves = Each box saves as soon as you change it.
admin-grid-saves-inherited = Each box saves as soon as you change it. Greyed ticks come from the role and are changed on the role's page.
admin-grid-inherited = Greyed ticks come from the role.
admin-grid-records = Records
admin-grid-save = Save permissions
admin-action-create = Create
admin-action-read = Read
admin-action-update = Update
admin-action-delete = Delete
admin-permission-label = { $action ->
    [create] Create { $records }
    [read] Read { $records }
    [update] Update { $records }
   *[delete] Delete { $records }
}
admin-permission-from-role = { $permission } (from the role)
admin-permission-saved = Saved
admin-permissions-saved = Permissions saved.
admin-permission-unknown = The form named a permission that does not exist.
admin-refused-own-permission = That would take away your own permission to manage users. Ask another administrator to make this change.
admin-refused-last-role-changer = That would leave no active user with global access who can change roles. Give another Super Administrator that permission first.
admin-group-people = People
admin-group-academics = Academics
admin-group-attendance = Attendance
admin-group-finance = Finance
admin-group-communication = Communication
admin-group-modules = Product modules
admin-group-system = System

admin-outbox-title = Outbox
admin-outbox-smtp = E-mail goes out through the configured SMTP server; this is the record of it.
admin-outbox-no-smtp = No SMTP server is configured (HOMEROOM_SMTP_URL), so e-mail stays here instead of being sent.
admin-outbox-none = Nothing has been sent yet. Invitations and password resets appear here.
admin-outbox-to = to { $address }

admin-staff-record = Staff record
admin-staff-none = Not linked to a staff record.
admin-staff-pick = Staff record
admin-staff-choose = Choose a staff record
admin-staff-link = Link
admin-staff-unlink = Unlink the staff record
admin-staff-none-linked = This user is not linked to a staff record.
admin-note-head = Notes
admin-note-hint = Only those who manage users see these notes.
admin-note-label = Notes on this user
admin-note-save = Save the notes
admin-note-saved = The notes on { $name } are saved.
admin-note-too-long = Notes may be at most { $max } characters long.
admin-guide-head = Guide for this role
admin-guide-hint = A document for the people of this school with this role (what a front-office user does, say): they download it from their profile.
admin-guide-none = No guide yet.
admin-guide-yours = Your role's guide
