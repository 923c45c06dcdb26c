# The inbox: notices addressed to the signed-in person.

messages-inbox-title = Inbox
messages-inbox-intro = Notices the school sends you: absence alerts, walkthrough feedback and announcements.
messages-inbox-empty = Your inbox is empty. Notices addressed to you will appear here.
messages-new = New
messages-from = from { $sender }
messages-from-at = from { $sender } · { $when }
