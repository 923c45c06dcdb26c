# La langue dans laquelle chacun lit Homeroom (son profil) et celle de son établissement.

profile-language-heading = Langue
profile-language-label = Langue des pages de Homeroom
profile-language-school = La langue de l'établissement ({ $language })
profile-language-browser = La langue de votre navigateur
profile-language-save = Enregistrer la langue
profile-language-saved = Votre langue est enregistrée.
language-unknown = Choisissez l'une des langues de la liste.

organization-language-heading = Langue de l'établissement
organization-language-label = Langue de { $school }
organization-language-browser = La langue du navigateur de chacun
organization-language-hint = Toute personne qui n'a pas choisi de langue dans son profil lit Homeroom dans celle-ci.
organization-language-save = Enregistrer la langue de l'établissement
organization-language-saved = La langue de l'établissement est enregistrée.
