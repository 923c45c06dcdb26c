# Bulletins : ceux d'une classe pour une période, leurs appréciations, leur émission et les résultats de la période.
rc-nav = Bulletins
rc-index-title = Bulletins scolaires
rc-index-none = Aucune classe dans l'année de cette période.
rc-no-terms = Aucune période n'est encore définie. Ajoutez les périodes de l'année sur sa page ; les bulletins les suivront.
rc-term-label = Période
rc-term-show = Afficher
rc-term-option = { $year } : { $term }
rc-term-dates = { $term } ({ $from } – { $until })
rc-class-title = Bulletins : { $class }, { $term }
rc-card-title = Bulletin scolaire
rc-card-caption = Matières, moyennes et appréciations de { $student }
rc-class-line = Classe : { $class }
rc-term-line = { $term } : { $from } – { $until }
rc-student = Élève
rc-subject = Matière
rc-average = Moyenne
rc-letter = Note
rc-comment = Appréciation de l'enseignant
rc-attendance = Assiduité
rc-attendance-line = Jours présent : { $present } · en retard : { $late } · absent : { $absent } · excusé : { $excused }
rc-homeroom-comment = Appréciation du professeur principal
rc-principal-comment = Appréciation du chef d'établissement
rc-issued-on = Émis le { $date }
rc-issued-summary = { $issued } bulletins émis sur { $total }.
rc-not-issued = Un bulletin non encore émis suit le carnet de notes et les appréciations au fil de leurs changements.
rc-print-hint = Imprimez cette page pour obtenir un élève par page, en A4 ou en Letter.
rc-pdf-a4 = PDF (A4)
rc-pdf-letter = PDF (Letter)
rc-paper-unknown = Le format de papier doit être A4 ou Letter.
rc-pdf-unavailable = Les documents PDF ne peuvent pas être créés sur ce serveur pour l'instant : sa police n'est pas installée. Imprimez plutôt la page.
rc-results = Résultats de la période
rc-results-title = Résultats de la période : { $class }, { $term }
rc-csv = Télécharger le CSV
rc-csv-last-name = Nom
rc-csv-first-name = Prénom
rc-csv-average-of = { $subject } : moyenne
rc-csv-letter-of = { $subject } : note
rc-back-to-cards = Retour aux bulletins
rc-issue = Émettre les bulletins
rc-issue-hint = L'émission fige chaque bulletin tel qu'il est maintenant : une note ou une appréciation modifiée ensuite ne change pas un bulletin déjà émis.
rc-issued-count = { $count ->
    [0] Tous les bulletins de cette période étaient déjà émis.
    [one] Un bulletin émis.
   *[other] { $count } bulletins émis.
}
rc-no-students = Aucun élève n'est inscrit dans cette classe.
rc-edit-homeroom = Appréciations du professeur principal
rc-edit-principal = Appréciations du chef d'établissement
rc-comments-title-homeroom = Appréciations du professeur principal : { $class }, { $term }
rc-comments-title-principal = Appréciations du chef d'établissement : { $class }, { $term }
rc-comments-save = Enregistrer les appréciations
rc-comments-saved = { $count ->
    [one] Une appréciation enregistrée.
   *[other] { $count } appréciations enregistrées.
}
rc-comments-refused = Rien n'a été enregistré : corrigez les appréciations signalées ci-dessous.
rc-comments-read-only = Seul le professeur principal de la classe rédige ses appréciations, et seul un administrateur celles du chef d'établissement.
rc-comment-too-long = Une appréciation compte au plus { $max } caractères.
rc-comment-kind-unknown = Il n'y a que les appréciations du professeur principal et du chef d'établissement.
rc-comment-unknown = Cette appréciation ne concerne pas un élève et une période de ce carnet de notes.
rc-gradebook-comment = Appréciation du bulletin
rc-gradebook-comment-label = Appréciation du bulletin pour { $student }
rc-gradebook-comment-save = Enregistrer l'appréciation
rc-comment-saved = Enregistré

## A whole school's cards in the background
rc-run-heading = Bulletins de tout l’établissement
rc-run-hint = Prépare en arrière-plan les bulletins de ce trimestre pour toutes les classes (ou un site, ou un niveau), un PDF par classe, à télécharger ici.
rc-run-campus = Site
rc-run-all-campuses = Tous les sites
rc-run-grade = Niveau
rc-run-all-grades = Tous les niveaux
rc-run-paper = Papier
rc-run-letter = Letter
rc-run-start = Préparer les bulletins
rc-run-term-needed = Choisissez d’abord un trimestre.
rc-run-title = Bulletins en arrière-plan
rc-run-so-far = { $done } classes sur { $total } terminées…
rc-run-refresh = Actualiser
rc-run-interrupted = La préparation s’est arrêtée après { $done } classes sur { $total }, quand le serveur qui l’exécutait s’est arrêté. La relancer ne prépare que les classes manquantes.
rc-run-again = Relancer
rc-run-finished = { $files ->
    [one] Terminé : les bulletins d’une classe à télécharger.
   *[other] Terminé : les bulletins de { $files } classes à télécharger.
}
rc-run-students = { $count ->
    [one] un élève
   *[other] { $count } élèves
}

rc-issued-link = Bulletin · { $term } (délivré le { $date })
