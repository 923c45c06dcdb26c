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
