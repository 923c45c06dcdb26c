# Les paramètres de l'établissement et, pour qui a accès à toutes les
# organisations, le choix de l'organisation (/organization, /organization/settings).

settings-choose-title = Choisir une organisation
settings-choose-intro = Votre compte peut agir dans toutes les organisations ; les pages en montrent une à la fois.
settings-current = actuelle
settings-choose-unknown = Choisissez l'une des organisations de la liste.
settings-now-working-in = Vous travaillez maintenant dans { $organization }.

settings-week-start-heading = Semaine du calendrier
settings-week-start-label = Premier jour de la semaine
settings-week-start-hint = Les calendriers de { $school } commencent chaque semaine par ce jour.
settings-week-start-save = Enregistrer le premier jour de la semaine
settings-week-start-saved = Le premier jour de la semaine est enregistré.
settings-week-start-unknown = Choisissez un jour de la semaine dans la liste.
