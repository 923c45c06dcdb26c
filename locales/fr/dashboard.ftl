# Le tableau de bord sur `/` : la journée en un coup d'œil.

dashboard-hello = Bonjour { $name }
dashboard-at-a-glance = En un coup d'œil
dashboard-students = Élèves
dashboard-staff = Personnel
dashboard-classes = Classes
dashboard-active = actifs
dashboard-this-academic-year = cette année scolaire
dashboard-fees-outstanding = Frais impayés
dashboard-past-due = { $count ->
    [one] { $count } facture en retard
   *[other] { $count } factures en retard
}
dashboard-in-the-last-days = sur les { $days } derniers jours
dashboard-classes-today = Vos cours du jour
dashboard-no-classes = Aucun cours dans votre emploi du temps aujourd'hui.
dashboard-attendance = Présences
dashboard-rolls-taken = { $due ->
    [one] { $taken } appel du jour sur { $due } fait
   *[other] { $taken } appels du jour sur { $due } faits
}
dashboard-of-enrolled = sur { $count } inscrits
dashboard-not-marked = Pas encore pointé
dashboard-present-or-late = présents ou en retard
dashboard-no-attendance = Aucun appel n'a encore été fait.
dashboard-coming-up = À venir
dashboard-no-events = Aucun événement à venir.
dashboard-hours = { $start }–{ $end }
dashboard-event-day = { $weekday } { $day }

## Types d'événement que Homeroom connaît ; un type saisi par l'établissement reste tel quel.
dashboard-event-event = Événement
dashboard-event-meeting = Réunion
dashboard-event-deadline = Échéance
dashboard-event-drill = Exercice incendie
dashboard-event-holiday = Jour férié
dashboard-event-exam = Examen
dashboard-event-trip = Sortie
dashboard-event-sports = Sport
