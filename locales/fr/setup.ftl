# Ce qu'un nouvel établissement doit encore mettre en place : la liste du tableau de
# bord, et ce qu'une page affiche au lieu d'un tableau vide quand il lui manque des données.

setup-heading = Mettez en place votre établissement
setup-progress = { $total ->
    [one] { $done } étape sur { $total } faite
   *[other] { $done } étapes sur { $total } faites
}
setup-campuses-missing = Aucun site pour l'instant : chaque classe et chaque élève en dépendent.
setup-campuses-missing-ask = Aucun site n'a encore été créé ; demandez à votre administrateur d'en ajouter un.
setup-campuses-fix = Ajouter un site
setup-year-missing = Aucune année scolaire ne couvre aujourd'hui.
setup-year-fix = Ajouter l'année scolaire
setup-grades-missing = Aucun niveau pour l'instant.
setup-grades-fix = Ajouter un niveau
setup-subjects-missing = Aucune matière pour l'instant.
setup-subjects-fix = Ajouter une matière
setup-classes-missing = Aucune classe n'a encore été créée.
setup-classes-missing-ask = Aucune classe n'a encore été créée ; demandez à votre administrateur de les ajouter.
setup-classes-this-year-missing = Aucune classe n'appartient encore à cette année scolaire.
setup-classes-fix = Ajouter une classe
setup-staff-missing = Aucun membre du personnel pour l'instant.
setup-staff-fix = Ajouter un membre du personnel
setup-staff-no-sign-in = { $count ->
    [one] Un membre du personnel n'a pas de compte pour se connecter.
   *[other] { $count } membres du personnel n'ont pas de compte pour se connecter.
}
setup-staff-invite = Les inviter depuis la liste du personnel
setup-students-missing = Aucun élève pour l'instant.
setup-students-fix = Ajouter un élève
setup-enrolments-missing = Aucun élève n'est encore inscrit dans une classe.
setup-roll-enrol = Inscrire des élèves
setup-roll-no-students-ask = Aucun élève n'est inscrit dans cette classe ; demandez au secrétariat de les inscrire.
setup-timetable-missing = Aucun emploi du temps pour l'instant : les cours n'ont donc pas d'appel.
setup-timetable-fix = Ajouter un emploi du temps
setup-timetable-unpublished = Aucun emploi du temps publié ne s'applique aujourd'hui.
setup-timetable-unpublished-ask = Aucun emploi du temps publié ne s'applique aujourd'hui ; demandez à votre administrateur d'en publier un.
setup-timetable-publish = Publier un emploi du temps
setup-periods-missing = L'emploi du temps publié n'a encore aucun créneau.
setup-periods-fix = Ajouter des créneaux
setup-fee-plans-missing = Aucun barème de frais pour l'instant.
setup-fee-plans-fix = Ajouter un barème de frais

## Aujourd'hui, pour un enseignant dont la journée est introuvable
setup-today-not-linked = Votre compte n'est lié à aucune fiche du personnel : vos classes sont donc introuvables.
setup-today-not-linked-ask = Votre compte n'est lié à aucune fiche du personnel ; demandez à votre administrateur de le lier.
setup-today-link = Le lier depuis la liste du personnel
setup-today-no-classes = Vous n'enseignez encore dans aucune classe.
setup-today-assign = Attribuer un enseignant à une matière d'une classe

## Une nouvelle visite sans personne à visiter
setup-walk-no-teachers = Personne n'est encore sur la liste du personnel à visiter.
setup-walk-no-teachers-ask = Personne n'est encore sur la liste du personnel à visiter ; demandez à votre administrateur d'ajouter les enseignants.
