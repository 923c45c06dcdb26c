# La connexion.

signin-title = Connexion
signin-heading = Connexion à Homeroom
signin-email = Adresse e-mail
signin-password = Mot de passe
signin-keep-signed-in = Rester connecté sur cet appareil
signin-submit = Se connecter
signin-forgot-password = Mot de passe oublié ?
signin-wrong-credentials = Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte. Vérifiez-les et réessayez.
signin-account-disabled = Ce compte est désactivé. Demandez à un administrateur de le réactiver.
signin-no-organization = Ce compte n'appartient encore à aucune organisation. Demandez à un administrateur de l'y ajouter.

# La seconde étape, un mot de passe oublié, choisir un mot de passe, un blocage.

signin-code-title = Connexion en deux étapes
signin-code-label = Code de votre application d'authentification
signin-code-hint = Le code à 6 chiffres qu'elle affiche maintenant, ou l'un de vos codes de secours.
signin-code-continue = Continuer
signin-code-someone-else = Se connecter avec un autre compte
signin-code-wrong = Ce code n'a pas fonctionné. Saisissez le code à 6 chiffres affiché maintenant par votre application, ou l'un de vos codes de secours.
signin-code-expired = Votre connexion a pris trop de temps. Connectez-vous à nouveau.
signin-signed-out = Vous êtes déconnecté.
signin-locked = { $minutes ->
    [one] Ce compte est bloqué pendant { $minutes } minute après trop de tentatives de connexion échouées. Réessayez ensuite, ou utilisez « Mot de passe oublié ? » pour en choisir un nouveau.
   *[other] Ce compte est bloqué pendant { $minutes } minutes après trop de tentatives de connexion échouées. Réessayez ensuite, ou utilisez « Mot de passe oublié ? » pour en choisir un nouveau.
}
password-forgot-intro = Saisissez l'adresse e-mail avec laquelle vous vous connectez. Nous vous enverrons un lien pour choisir un nouveau mot de passe.
password-forgot-send = Envoyer le lien
password-forgot-bad-email = Saisissez l'adresse e-mail avec laquelle vous vous connectez, par exemple nom@ecole.fr.
password-forgot-sent = Si un compte existe pour { $email }, nous lui avons envoyé un lien pour choisir un nouveau mot de passe. Le lien ne fonctionne qu'une fois, dans l'heure qui vient.
password-forgot-nothing-arrived = Rien reçu ? Vérifiez le dossier des indésirables, ou adressez-vous à l'administrateur de votre établissement.
password-back-to-sign-in = Retour à la connexion
password-set-title = Choisissez votre mot de passe
password-set-intro = Pour le compte Homeroom { $email }. Utilisez au moins 10 caractères ; quelques mots sans rapport entre eux font un bon mot de passe.
password-new = Nouveau mot de passe
password-again = Le même mot de passe, à nouveau
password-set-save = Enregistrer le mot de passe
password-set-done = Votre mot de passe est enregistré. Connectez-vous avec votre adresse e-mail et le nouveau mot de passe.
password-link-expired = Ce lien a expiré ou a déjà été utilisé.
password-link-expired-help = Les liens pour choisir un mot de passe ne servent qu'une fois : un lien de réinitialisation pendant une heure, une invitation pendant sept jours. Vous pouvez demander un nouveau lien, ou demander à l'administrateur de votre établissement de vous inviter à nouveau.
password-link-new = M'envoyer un nouveau lien
password-too-short = Utilisez au moins { $min } caractères.
password-too-long = Utilisez au plus { $max } caractères.
password-guessable = Ce mot de passe est trop facile à deviner.
password-mismatch = Les deux mots de passe ne sont pas identiques. Saisissez deux fois le nouveau mot de passe.

## The guessing library's advice on a weak password, after password-guessable.
password-advice-key-rows = Les rangées de touches à la suite sont faciles à deviner.
password-advice-key-patterns = Les courts motifs sur le clavier sont faciles à deviner.
password-advice-repeats = Les répétitions comme « aaa » sont faciles à deviner.
password-advice-repeated-runs = Répéter un groupe, comme « abcabcabc », n’est guère plus difficile à deviner que « abc ».
password-advice-top-10 = C’est l’un des 10 mots de passe les plus courants.
password-advice-top-100 = C’est l’un des 100 mots de passe les plus courants.
password-advice-common = C’est un mot de passe très courant.
password-advice-similar = Il ressemble à un mot de passe très courant.
password-advice-sequences = Les suites comme abc ou 6543 sont faciles à deviner.
password-advice-recent-years = Les années récentes sont faciles à deviner.
password-advice-one-word = Un mot seul est facile à deviner.
password-advice-dates = Les dates sont souvent faciles à deviner.
password-advice-names = Les noms et prénoms seuls sont faciles à deviner.
password-advice-common-names = Les noms et prénoms courants sont faciles à deviner.
password-advice-use-words = Utilisez quelques mots, en évitant les expressions toutes faites.
password-advice-no-symbols-needed = Inutile d’ajouter des symboles, des chiffres ou des majuscules.
password-advice-add-words = Ajoutez un ou deux mots, de préférence peu courants.
password-advice-capitals = Les majuscules n’aident pas beaucoup.
password-advice-all-capitals = Tout en majuscules est presque aussi facile à deviner que tout en minuscules.
password-advice-reversed = Les mots à l’envers ne sont guère plus difficiles à deviner.
password-advice-substitutions = Les substitutions prévisibles, comme « @ » au lieu de « a », n’aident pas beaucoup.
password-advice-longer-pattern = Utilisez un motif de clavier plus long, avec plus de changements de direction.
password-advice-avoid-repeats = Évitez de répéter des mots et des caractères.
password-advice-avoid-sequences = Évitez les suites.
password-advice-avoid-recent-years = Évitez les années récentes.
password-advice-avoid-your-years = Évitez les années qui vous sont liées.
password-advice-avoid-your-dates = Évitez les dates et les années qui vous sont liées.
