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
