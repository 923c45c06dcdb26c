# Le carnet de notes : la grille des notes d'une matière d'une classe, le parcours de
# ses évaluations, les périodes, le barème et les coefficients de l'établissement.

## Menu et liens
grade-nav-gradebooks = Carnets de notes
grade-nav-grading = Barème
grade-nav-terms = Périodes
grade-today-link = Ouvrir mes carnets de notes
grade-open-gradebook = Ouvrir le carnet de notes
grade-open-gradebooks = Carnets de notes de cette classe

## La liste des carnets
grade-index-title = Carnets de notes
grade-index-none = Vous n'enseignez aucune matière. La page de chaque classe mène à ses carnets de notes.
grade-index-none-in-class = Cette classe n'a pas encore de matières.

## La grille
grade-term-label = Période
grade-term-show = Afficher
grade-term-option = { $term } ({ $from } – { $until })
grade-no-terms = Cette année n'a pas encore de périodes : toutes les évaluations sont affichées. Les périodes se définissent sur la page de l'année scolaire.
grade-read-only = Vous pouvez consulter ce carnet ; seul son enseignant peut le modifier.
grade-no-assessments = Aucune évaluation pour cette période.
grade-no-students = Aucun élève n'est inscrit dans cette classe.
grade-help = Saisissez une note et appuyez sur Entrée pour descendre. { $excused } dispense l'élève, { $missing } signale un travail non rendu. Une colonne collée depuis un tableur se remplit vers le bas.
grade-caption = Notes de { $title }
grade-student = Élève
grade-average-head = Moyenne
grade-average = { $percent } · { $letter }
grade-column-about = { $kind } · sur { $max }
grade-column-about-due = { $kind } · sur { $max } · pour le { $due }
grade-column-save = Enregistrer la colonne
grade-cell-label = { $student }, { $assessment }
grade-status-for = État de { $assessment }
grade-status-set = Appliquer

## Ce que dit une case
grade-code-excused = DI
grade-code-missing = NR
grade-cell-not-a-number = Saisissez un nombre, { $excused } ou { $missing }.
grade-cell-negative = Une note ne peut pas être inférieure à 0.
grade-cell-over-max = La note maximale est { $max }.
grade-cell-not-on-roll = Cet élève n'est pas dans la classe.
grade-cell-not-saved = Non enregistrée : vérifiez la connexion et saisissez-la de nouveau.
grade-cell-unknown = Cette case ne fait pas partie du carnet.

## Enregistrer
grade-column-saved = { $count ->
    [one] 1 note enregistrée.
   *[other] { $count } notes enregistrées.
}
grade-column-refused = Rien n'a été enregistré : certaines notes sont à revoir.
grade-closed-refused = Cette évaluation est close ; seul un administrateur peut la modifier.
grade-status-changed = L'évaluation est maintenant : { $status }.
grade-status-unknown = Ce n'est pas un état possible pour une évaluation.

## Une nouvelle évaluation
grade-new-open = Nouvelle évaluation
grade-new-name = Nom
grade-new-kind = Type
grade-new-max = Note maximale
grade-new-due = À rendre le
grade-new-submit = Ajouter l'évaluation
grade-new-hint = Elle commence en brouillon, visible par vous seul ; publiez-la pour qu'elle compte dans les moyennes.
grade-new-created = Évaluation ajoutée en brouillon.
grade-new-name-required = Donnez un nom à l'évaluation.
grade-new-name-long = Le nom ne dépasse pas { $max } caractères.
grade-new-kind-required = Choisissez le type d'évaluation.
grade-new-max-invalid = La note maximale est un nombre supérieur à 0, jusqu'à { $most }.
grade-new-due-invalid = Choisissez une date.

## Coefficients
grade-weights-open = Coefficients de cette matière
grade-weights-heading = Coefficient de chaque type d'évaluation
grade-weights-hint-class = Laissez toutes les cases vides pour utiliser les coefficients de l'établissement (ou compter toutes les évaluations à égalité).
grade-weights-hint-school = Utilisés par toutes les matières qui n'ont pas les leurs. Laissez toutes les cases vides pour compter toutes les évaluations à égalité.
grade-weights-kind = Type
grade-weights-percent = Coefficient (%)
grade-weights-save = Enregistrer les coefficients
grade-weights-saved = Coefficients enregistrés.
grade-weight-not-a-percent = Saisissez un pourcentage de 0 à 100.
grade-weight-total = Les coefficients font { $total } ; ensemble, ils doivent faire 100 %.

## Le barème
grade-grading-title = Barème
grade-grading-intro = La lettre de chaque note et de chaque moyenne vient de ce barème. Le modifier donne sa nouvelle lettre à chaque résultat d'une évaluation qui n'est pas close.
grade-scale-heading = Pourcentage minimal de chaque lettre
grade-scale-letter = Lettre
grade-scale-from = À partir de (%)
grade-scale-until = Jusqu'à
grade-scale-top = 100 %
grade-scale-below = moins de { $percent } %
grade-scale-save = Enregistrer le barème
grade-scale-saved = { $count ->
    [one] Barème enregistré ; la lettre d'1 résultat a été recalculée.
   *[other] Barème enregistré ; les lettres de { $count } résultats ont été recalculées.
}
grade-scale-refused = Le barème n'a pas été enregistré : chaque lettre commence sous la précédente, et F commence à 0.
grade-scale-not-a-percent = Saisissez un pourcentage de 0 à 100.
grade-scale-overlap = Commencez sous { $letter } pour que les deux lettres ne se chevauchent pas.
grade-scale-gap = F commence à 0, pour que tout pourcentage ait une lettre.

## Périodes
grade-term-of-year = { $year }, { $term }
grade-term-outside-year = Une période se situe dans son année : du { $from } au { $until }.
grade-term-overlaps = Ces dates chevauchent la période { $term } ; les périodes d'une année ne se chevauchent pas.
