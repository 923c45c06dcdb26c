# Alertes d'absence du jour aux responsables légaux d'un élève (courriel et
# messagerie), dans la langue du responsable, sinon dans celle de l'établissement.

alert-absent-subject = Absence de { $student } le { $date }
alert-absent-body = Une absence de { $student } a été relevée le { $date }. Si vous en connaissez la raison, merci de prévenir { $school }.
alert-absent-at-school = Si { $student } est bien à l'école, l'appel sera corrigé et vous ne recevrez pas d'autre message.
alert-recipient = { $name } ({ $relationship })
