# Families: a parent or guardian entered once for all their children, the household
# that groups them, siblings on a student's page, and a student entered twice.

fam-nav-people = Parents and guardians
fam-nav-families = Families

fam-field-person = Parent or guardian on file
fam-field-lives-with = Lives with the student
fam-field-emergency-contact = Emergency contact
fam-field-receives-invoices = Receives invoices
fam-field-receives-messages = Receives messages and alerts
fam-field-pickup-allowed = May pick the student up
fam-field-family = Family
fam-field-family-name = Family name
fam-field-notes = Notes
fam-person-or-name = Pick a parent or guardian on file, or type their name.

fam-siblings-heading = Brothers and sisters
fam-siblings-none = No brother or sister at the school.
fam-children-heading = Children
fam-children-none = No children at the school yet.
fam-kin-detail = { $number } · { $status }

fam-duplicate-student = { $name }, born { $born }, is already on file.
fam-duplicate-open = Open { $name }'s record
fam-duplicate-confirm = This is a different student: add them anyway
