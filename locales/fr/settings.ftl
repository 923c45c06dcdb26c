# Les paramètres de l'établissement et, pour qui a accès à toutes les
# organisations, le choix de l'organisation (/organization, /settings).

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

settings-intro = Chaque section s'enregistre séparément. Les modifications sont consignées dans le journal d'audit avec votre nom.

settings-name-heading = Nom de l'établissement
settings-name-label = Nom affiché dans l'en-tête, dans les courriels et sur les pages imprimées
settings-name-save = Enregistrer le nom
settings-name-saved = Le nom de l'établissement est enregistré.
settings-name-direction = Retirez les caractères qui changent le sens du texte.
settings-name-required = Saisissez le nom de l'établissement.
settings-name-too-long = Utilisez 120 caractères au plus.

settings-logo-heading = Logo
settings-logo-alt = Logo de { $school }
settings-logo-none = Pas encore de logo : l'en-tête affiche seulement le nom de l'établissement.
settings-logo-label = Nouveau logo
settings-logo-hint = Une image PNG, JPEG, WebP ou GIF de { $limit } au plus. Les fichiers SVG ne sont pas acceptés, car ils peuvent contenir des scripts.
settings-logo-save = Téléverser le logo
settings-logo-saved = Le nouveau logo est enregistré.
settings-logo-remove = Retirer le logo
settings-logo-removed = Le logo est retiré.

settings-colour-heading = Couleur de l'en-tête
settings-colour-label = Code couleur
settings-colour-hint = Une couleur au format #RRGGBB, par exemple #1d4e89. Le texte de l'en-tête est blanc : la couleur doit être assez foncée pour qu'on le lise, avec un contraste d'au moins 4,5 :1.
settings-colour-save = Enregistrer la couleur
settings-colour-reset = Reprendre la couleur de Homeroom
settings-colour-saved = La couleur de l'en-tête est enregistrée.
settings-colour-unreadable = Écrivez la couleur avec # et six chiffres hexadécimaux, par exemple #1d4e89.
settings-colour-low-contrast = Le texte blanc sur cette couleur n'a qu'un contraste de { $ratio } :1 ; il faut au moins 4,5 :1 pour que chacun lise l'en-tête. Choisissez une couleur plus foncée.

settings-mail-heading = Expéditeur des courriels
settings-mail-intro = Les courriels partent de l'adresse de cette installation pour ne pas être pris pour du courrier indésirable ; les familles voient le nom de l'établissement comme expéditeur et leurs réponses arrivent à l'adresse de l'établissement.
settings-sender-name-label = Nom de l'expéditeur
settings-sender-name-hint = Laissez vide pour utiliser { $school }.
settings-sender-name-symbols = Le nom de l'expéditeur ne peut pas contenir < > " ni @.
settings-reply-to-label = Adresse de réponse
settings-reply-to-hint = L'adresse électronique de l'établissement, où arrivent les réponses. Laissez vide s'il n'y en a pas.
settings-reply-to-invalid = Saisissez une adresse électronique comme secretariat@ecole.fr.
settings-mail-save = Enregistrer l'expéditeur
settings-mail-saved = L'expéditeur des courriels est enregistré.

settings-region-heading = Fuseau horaire et devise
settings-time-zone-label = Fuseau horaire
settings-time-zone-hint = Le fuseau horaire de l'établissement sous forme de nom de lieu, par exemple Europe/Paris ou America/Montreal. Les jours et heures de l'établissement le suivent.
settings-time-zone-unknown = « { $value } » n'est pas un fuseau horaire. Choisissez-en un dans la liste, comme Europe/Paris.
settings-currency-label = Devise
settings-currency-hint = Le code ISO 4217 à trois lettres, par exemple EUR, USD ou CAD. Les factures et les paiements s'affichent dans cette devise.
settings-currency-unknown = « { $value } » n'est pas un code de devise. Utilisez un code ISO 4217 à trois lettres, comme EUR ou USD.
settings-region-save = Enregistrer le fuseau horaire et la devise
settings-region-saved = Le fuseau horaire et la devise sont enregistrés.

settings-school-day-heading = Journée scolaire
settings-school-day-intro = L'heure à laquelle la journée commence sur chaque site : le personnel qui pointe plus tard est noté en retard.
settings-school-day-no-campus = Il n'y a pas encore de site.
settings-school-day-add-campus = Ajouter un site
settings-school-day-label = La journée commence à { $campus } à
settings-school-day-save = Enregistrer les heures de début
settings-school-day-saved = Les heures de début sont enregistrées.
settings-school-day-unknown = Un des sites est introuvable. Rechargez la page et réessayez.
settings-school-day-unreadable = Saisissez chaque heure de début en heures et minutes, par exemple 08:30.

settings-areas-heading = Critères des visites de classe
settings-areas-intro = Les sept critères notés lors d'une visite de classe gardent leur sens ; donnez-leur les noms qu'utilise votre établissement. Laissez un champ vide pour garder le nom de Homeroom.
settings-areas-save = Enregistrer les noms des critères
settings-areas-saved = Les noms des critères sont enregistrés.
settings-area-too-long = Utilisez 60 caractères au plus.
settings-numbers-heading = Numéros d'élève
settings-numbers-label = Modèle du numéro d'un nouvel élève
settings-numbers-hint = Un élève ajouté sans numéro en reçoit un : {"{"}year{"}"} est l'année civile et {"{"}seq{"}"} le numéro suivant de l'année ; {"{"}seq:05{"}"} le complète à cinq chiffres. Les numéros déjà attribués ne changent pas.
settings-numbers-next = Le prochain nouvel élève recevra le { $number }.
settings-numbers-save = Enregistrer le modèle
settings-numbers-saved = Le modèle des numéros d'élève est enregistré.
settings-number-too-long = Le modèle doit tenir sur une ligne de 40 caractères au plus.
settings-number-needs-sequence = Mettez {"{"}seq{"}"} (ou {"{"}seq:05{"}"}) dans le modèle, pour que chaque élève ait un numéro différent.
settings-number-unknown-part = Seuls {"{"}year{"}"}, {"{"}seq{"}"} et {"{"}seq:0N{"}"} (N de 1 à 12) peuvent figurer entre accolades.
