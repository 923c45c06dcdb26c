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
