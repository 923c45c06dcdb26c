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
dashboard-marks = { $count ->
    [one] { $count } pointage
   *[other] { $count } pointages
}
dashboard-present-or-late = présents ou en retard
dashboard-no-attendance = Aucun appel n'a encore été fait.
dashboard-coming-up = À venir
dashboard-no-events = Aucun événement à venir.
