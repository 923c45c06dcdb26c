# Visites de classe : la visite d'un directeur, la liste, le détail, les pages
# d'évolution de l'enseignant et du site, et l'avis envoyé à l'enseignant observé.

## Les sept domaines qu'un directeur évalue, comme nom seul
walk-area-attitude = Attitude
walk-area-classroom-management = Gestion de classe
walk-area-cleanliness = Propreté
walk-area-vibes = Ambiance
walk-area-team-dynamics = Dynamique d'équipe
walk-area-emergency-exit = Issue de secours
walk-area-lesson-plan = Préparation du cours
walk-overall = Général

## Titres et mots communs
walk-list-title = Visites de classe
walk-new-title = Nouvelle visite
walk-edit-title = Modifier la visite
walk-detail-title = Visite · { $teacher }
walk-trend-title = Visites · { $name }
walk-campus-title = Visites · { $campus }
walk-teacher = Enseignant
walk-classroom = Salle
walk-director = Directeur
walk-campus = Site
walk-date = Date
walk-time = Heure
walk-ratings = Évaluations
walk-overall-notes = Remarques générales
walk-not-yet = Pas encore
walk-none-yet = Aucune visite pour l'instant.
walk-area = Domaine
walk-visits = Visites
walk-average = Moyenne
walk-when = { $weekday } { $date } à { $time }
walk-date-time = { $date } à { $time }

## Le formulaire
walk-draft-restored = Brouillon restauré : vous pouvez reprendre là où vous en étiez.
walk-draft-discard = Abandonner le brouillon
walk-form-errors = Certaines réponses sont à revoir ; elles sont signalées ci-dessous. Tout ce que vous avez saisi est conservé.
walk-where-and-when = Où et quand
walk-classroom-placeholder = Commencez à taper la salle
walk-teacher-placeholder = Tapez un nom
walk-suggest-lesson = Emploi du temps : { $teacher } enseigne { $subject } aux { $class } dans cette salle, de { $start } à { $end }.
walk-suggest-no-lesson = Aucun cours en ce moment en { $room } d'après l'emploi du temps. Tapez le nom de l'enseignant.
walk-suggest-not-on-timetable = Cette salle ne figure pas dans l'emploi du temps. Tapez le nom de l'enseignant.
walk-suggest-nothing = Choisissez d'abord la salle : l'emploi du temps propose qui y enseigne à cette heure-là.
walk-ratings-hint = 1 signifie insuffisant, 5 excellent.
walk-comment = Commentaire
walk-comment-on = Commentaire sur { $area }
walk-save = Enregistrer la visite
walk-save-changes = Enregistrer les modifications
walk-cancel = Annuler
walk-saved = Visite enregistrée. L'enseignant a été prévenu.
walk-changes-saved = Modifications enregistrées.

## Les erreurs du formulaire
walk-error-classroom = Choisissez la salle où vous êtes.
walk-error-classroom-long = La salle ne peut pas dépasser { $max } caractères.
walk-error-classroom-control = La salle ne peut contenir ni retour à la ligne ni tabulation.
walk-error-teacher = Choisissez l'enseignant que vous avez observé.
walk-error-teacher-unknown = Choisissez un enseignant dans la liste.
walk-error-date = Saisissez la date de la visite, par exemple 2026-03-14.
walk-error-time = Saisissez l'heure de la visite, par exemple 10:35.
walk-error-date-future = Cette date est dans le futur. Saisissez le jour de la visite.
walk-error-time-future = Cette heure n'est pas encore arrivée. Saisissez le moment de la visite.
walk-error-rating-range = Notez { $area ->
    [attitude] l'attitude
    [classroom_management] la gestion de classe
    [cleanliness] la propreté
    [vibes] l'ambiance
    [team_dynamics] la dynamique d'équipe
    [emergency_exit] l'issue de secours
    [lesson_plan] la préparation du cours
   *[other] ce domaine
} de 1 à 5.
walk-error-rating-missing = Choisissez une note pour { $area ->
    [attitude] l'attitude
    [classroom_management] la gestion de classe
    [cleanliness] la propreté
    [vibes] l'ambiance
    [team_dynamics] la dynamique d'équipe
    [emergency_exit] l'issue de secours
    [lesson_plan] la préparation du cours
   *[other] ce domaine
}.
walk-error-comment-long = Le commentaire sur { $area ->
    [attitude] l'attitude
    [classroom_management] la gestion de classe
    [cleanliness] la propreté
    [vibes] l'ambiance
    [team_dynamics] la dynamique d'équipe
    [emergency_exit] l'issue de secours
    [lesson_plan] la préparation du cours
   *[other] ce domaine
} ne peut pas dépasser { $max } caractères.
walk-error-comment-unstorable = Le commentaire sur { $area ->
    [attitude] l'attitude
    [classroom_management] la gestion de classe
    [cleanliness] la propreté
    [vibes] l'ambiance
    [team_dynamics] la dynamique d'équipe
    [emergency_exit] l'issue de secours
    [lesson_plan] la préparation du cours
   *[other] ce domaine
} contient des caractères impossibles à enregistrer.
walk-error-notes-long = Les remarques générales ne peuvent pas dépasser { $max } caractères.
walk-error-notes-unstorable = Les remarques générales contiennent des caractères impossibles à enregistrer.
walk-error-reply-long = Votre réponse ne peut pas dépasser { $max } caractères.
walk-error-reply-unstorable = Votre réponse contient des caractères impossibles à enregistrer.

## La liste
walk-list-lead = Les visites de classe et leur déroulement.
walk-list-lead-teacher = Les visites de votre classe. Lisez chacune et accusez-en réception.
walk-your-trend = Votre évolution
walk-terms-and-coverage = Trimestres et couverture :
walk-all-campuses = Tous les sites
walk-all-teachers = Tous les enseignants
walk-all-directors = Tous les directeurs
walk-from = Du
walk-to = Au
walk-filter = Filtrer
walk-none-match = Aucune visite ne correspond. Essayez un autre filtre.
walk-none-of-yours = Personne n'a encore enregistré de visite de votre classe.
walk-when-column = Quand
walk-acknowledged-column = Lue
walk-yes = Oui
walk-yes-replied = Oui, avec réponse

## Une visite
walk-when-by = { $when } · par { $director }
walk-change = Modifier
walk-average-badge = moyenne { $average }
walk-rating-of-five = { $rating } sur 5
walk-no-overall-notes = Aucune remarque générale.
walk-edit-until = Vous pouvez modifier cette visite jusqu'au { $until }.
walk-acknowledgement = Accusé de réception
walk-acknowledged-badge = Lue
walk-acknowledged-by = par { $teacher } le { $date }.
walk-your-reply = Votre réponse
walk-optional = (facultatif)
walk-acknowledge = Accuser réception
walk-not-acknowledged = { $teacher } n'a pas encore accusé réception de cette visite.
walk-delete-summary = Supprimer cette visite
walk-delete-hint = Elle disparaît de toutes les listes et pages ; l'enregistrement est conservé.
walk-delete = Supprimer
walk-acknowledged = Merci. Le directeur voit que vous l'avez lue.
walk-already-acknowledged = Vous aviez déjà accusé réception de cette visite.
walk-deleted = Visite supprimée. Elle n'apparaît plus nulle part ; l'enregistrement est conservé.

## L'évolution d'un enseignant
walk-trend-count = { $count ->
    [one] { $count } visite
   *[other] { $count } visites
}
walk-trend-count-yours = { $count ->
    [one] { $count } visite de votre classe
   *[other] { $count } visites de votre classe
}
walk-trend-heading = Moyenne par domaine au fil du temps
walk-chart-title = Évaluations des visites de { $name } au fil du temps
walk-chart-desc-week = Note moyenne de 1 à 5 de chacun des sept domaines, par semaine. Le tableau ci-dessous donne les mêmes chiffres.
walk-chart-desc-month = Note moyenne de 1 à 5 de chacun des sept domaines, par mois. Le tableau ci-dessous donne les mêmes chiffres.
walk-chart-point = { $area }, { $period } : { $average }
walk-period-week = Semaine du { $day }
walk-period-month = { $month } { $year }
walk-averages = Moyennes
walk-averages-note-week = Par semaine, selon le lundi où elle commence ; la dernière colonne compte toutes les visites.
walk-averages-note-month = Par mois ; la dernière colonne compte toutes les visites.
walk-all = Toutes
walk-latest-comments = Derniers commentaires
walk-no-comments = Aucun commentaire pour l'instant.

## Un site
walk-campus-lead = Les visites de ce trimestre face au précédent, et qui n'a pas été visité récemment.
walk-terms-heading = Ce trimestre face au précédent
walk-terms-explained = Chaque année scolaire compte deux trimestres : sa première moitié et sa seconde moitié.
walk-term-first = { $year }, premier trimestre
walk-term-second = { $year }, second trimestre
walk-this-term = Ce trimestre : { $term } ({ $start } – { $end }), { $count ->
    [one] { $count } visite
   *[other] { $count } visites
}.
walk-last-term = Trimestre précédent : { $term }, { $count ->
    [one] { $count } visite
   *[other] { $count } visites
}.
walk-no-last-term = Aucun trimestre antérieur n'est enregistré.
walk-no-terms = Aucune année scolaire n'est enregistrée ; il n'y a donc pas de trimestres à comparer.
walk-last-term-column = Avant
walk-this-term-column = Actuel
walk-change-column = Écart
walk-coverage-heading = Pas de visite depuis { $days } jours
walk-days = Jours
walk-show = Afficher
walk-error-days = Saisissez un nombre de jours de 1 à { $most } ; affichage sur { $days } jours.
walk-coverage-all = { $count ->
    [one] Le seul enseignant a eu une visite au cours des { $days } derniers jours.
   *[other] Les { $count } enseignants ont tous eu une visite au cours des { $days } derniers jours.
}
walk-coverage-note = { $unvisited } enseignants sur { $count }, d'abord ceux jamais visités, puis ceux dont la visite est la plus ancienne.
walk-last-visit = Dernière visite
walk-days-ago = Jours écoulés
walk-never = Jamais

## L'avis à l'enseignant observé
walk-notice-subject = Visite de la salle { $classroom } du { $day } { $month } { $year }
walk-notice-visited = { $observer } a visité la salle { $classroom } le { $date } à { $time } et a enregistré une visite.
walk-notice-rating = { $area } : { $rating } sur 5
walk-notice-read = Lisez-la et accusez-en réception, avec une réponse si vous le souhaitez :
