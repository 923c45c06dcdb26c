# Forms that never lose or double work, and the shared form components.

forms-restored = Restored what you typed; check it and save.
forms-restore-gone = What you typed could not be brought back: it is kept for an hour, for the person who typed it. The form opens empty.
forms-already-saved = Already saved: this form was sent before, so nothing new was added. Here is what was saved.
forms-being-saved = This form is being saved already. Open the list to find it before sending it again.

## A paged list's links

forms-pager-label = Pages
forms-pager-previous = Previous
forms-pager-next = Next

## Shared form fields

forms-choose-role = Choose a role
