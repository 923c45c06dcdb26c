# Aujourd'hui (les appels d'un enseignant), l'appel et le pointage du personnel.

today-heading = Aujourd'hui
today-no-rolls = Aucun appel à faire dans votre emploi du temps aujourd'hui.
today-no-classes = Vous n'avez pas de classe à vous. L'appel est fait par les enseignants de chaque classe.
today-rolls-label = Vos appels du jour
today-room = Salle { $room }
today-daily-roll = Appel du jour

roll-state-not-taken = Non fait
roll-state-partial = Commencé ({ $marked } sur { $enrolled })
roll-state-taken = Fait à { $time }

## L'appel

roll-daily-title = { $class } · appel du jour
roll-marked = Pointés : { $marked } sur { $total }
roll-read-only = Vous pouvez consulter cet appel ; seuls ses enseignants (ou les gestionnaires des classes) peuvent le modifier.
roll-save = Enregistrer l'appel
roll-mark-all-present = Tous présents
roll-help = Un appui suffit pour chaque statut : présent, absent, en retard ou excusé. Chaque appui est enregistré aussitôt, même sans connexion.
roll-no-students = Aucun élève n'est inscrit dans cette classe.
roll-mark-for = Statut de { $name }
roll-minutes-late = Minutes de retard
roll-minutes-other-label = Autre nombre de minutes
roll-minutes-other = Autre
roll-remark = Remarque
roll-remark-for = Remarque pour { $name }
roll-saved = Appel enregistré : { $marked } sur { $total } pointés.
roll-needs-second-look = Certains statuts sont à revoir ; rien n'a encore été enregistré.
roll-not-on-roll = { $count ->
    [one] { $count } élève envoyé n'est pas inscrit dans cette classe ; rien n'a été enregistré. Rechargez l'appel pour voir qui en fait partie.
   *[other] { $count } élèves envoyés ne sont pas inscrits dans cette classe ; rien n'a été enregistré. Rechargez l'appel pour voir qui en fait partie.
}
roll-problem-remark-without-mark = Choisissez présent, absent, en retard ou excusé pour garder cette remarque.
roll-problem-unknown-status = Choisissez présent, absent, en retard ou excusé.
roll-problem-remark-too-long = La remarque doit faire moins de { $max } caractères.
roll-problem-minutes = Les minutes de retard doivent être un nombre entier de 0 à { $max }.

# Ce qu'affiche chaque ligne pendant que la page enregistre chaque appui.
roll-row-saved = Enregistré
roll-row-saving = Enregistrement…
roll-row-not-yet-saved = Pas encore enregistré
roll-row-not-saved = Non enregistré
roll-row-other-refused = Non enregistré : un autre statut a été refusé
roll-row-minutes-range = Minutes de retard : de 0 à 600
roll-signed-out = Votre session a pris fin. Les statuts pas encore enregistrés sont gardés sur cet appareil.
roll-sign-in-again = Reconnectez-vous pour les envoyer.
roll-waiting = { $count ->
    [one] { $count } statut pas encore enregistré
   *[other] { $count } statuts pas encore enregistrés
}

## Les statuts

mark-present = Présent
mark-absent = Absent
mark-late = En retard
mark-excused = Excusé

## Le pointage de chaque membre du personnel

check-in-heading = Votre pointage
check-in-done = Vous avez pointé à { $time }.
check-in-marked-by-office = Le secrétariat vous a déjà noté aujourd'hui.
check-in-campus-starts = À { $campus }, la journée commence à { $time } ; un pointage plus tardif compte comme un retard.
check-in-day-starts = La journée commence à { $time } ; un pointage plus tardif compte comme un retard.
check-in-submit = Pointer
check-in-recorded = Votre pointage est enregistré.
check-in-already = Vous aviez déjà pointé aujourd'hui.
check-in-not-staff = Votre compte n'est lié à aucune fiche du personnel : il n'y a donc rien à pointer. Adressez-vous au secrétariat.

## Refus de l'adresse de l'appel et des envois de la tablette

roll-bad-date = La date doit s'écrire sous la forme 2026-11-23.
roll-future-date = L'appel ne peut être fait que pour aujourd'hui ou un jour passé.
roll-marks-unreadable = Les statuts n'ont pas pu être lus. { $detail }

## Les présences du jour : les appels quotidiens par site et par niveau, avec la tendance

attendance-today-title = Présences du jour
attendance-today-subtitle = { $date } · appels du jour
attendance-missing-link = Appels non faits
attendance-chronic-link = Absentéisme chronique
attendance-at-a-glance = La journée en un coup d'œil
attendance-present-or-late = présents ou en retard
attendance-of-enrolled = sur { $count } inscrits
attendance-rolls-taken = { $taken ->
    [one] { $taken } appel du jour fait sur { $due }
   *[other] { $taken } appels du jour faits sur { $due }
}
attendance-not-yet-marked = Pas encore pointés
attendance-last-days = { $count } derniers jours de classe
attendance-no-classes = Aucune classe n'a lieu aujourd'hui.
attendance-grade = Niveau
attendance-enrolled = Inscrits
attendance-not-marked = Non pointés
attendance-rate = Présence
attendance-all-grades = Tous les niveaux
attendance-choose-campus = Choisissez un site dans la liste.

# Le formulaire de filtre des pages de suivi.
attendance-filter-campus = Site
attendance-filter-all-campuses = Tous les sites
attendance-filter-show = Afficher

# Le graphique de tendance et son tableau.
attendance-trend-title = Présence sur les { $count } derniers jours de classe
attendance-trend-summary = { $count } jours de classe du { $from } au { $to } : moyenne { $average }, minimum { $lowest }, maximum { $highest } ; dernier jour : { $last }.
attendance-trend-empty = Aucune présence n'a été enregistrée sur cette période.
attendance-trend-point = { $date } : { $rate }
attendance-trend-show-numbers = Voir les chiffres
attendance-trend-caption = Présence par jour de classe
attendance-trend-day = Jour
attendance-trend-present-or-late = Présents ou en retard
