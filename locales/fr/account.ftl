# La langue dans laquelle chacun lit Homeroom (son profil) et celle de son établissement.

profile-language-heading = Langue
profile-language-label = Langue des pages de Homeroom
profile-language-school = La langue de l'établissement ({ $language })
profile-language-browser = La langue de votre navigateur
profile-language-save = Enregistrer la langue
profile-language-saved = Votre langue est enregistrée.
language-unknown = Choisissez l'une des langues de la liste.

organization-language-heading = Langue de l'établissement
organization-language-label = Langue de { $school }
organization-language-browser = La langue du navigateur de chacun
organization-language-hint = Toute personne qui n'a pas choisi de langue dans son profil lit Homeroom dans celle-ci.
organization-language-save = Enregistrer la langue de l'établissement
organization-language-saved = La langue de l'établissement est enregistrée.

# La page de profil : ses propres coordonnées, le mot de passe, la validation en deux étapes et les sessions.

profile-title = Votre profil
profile-details-heading = Vos coordonnées
profile-first-name = Prénom
profile-last-name = Nom
profile-phone = Téléphone
profile-details-save = Enregistrer les coordonnées
profile-details-saved = Vos coordonnées sont enregistrées.
profile-name-too-long = Utilisez au plus { $max } caractères.
profile-name-characters = Utilisez uniquement des lettres, des espaces et de la ponctuation.
profile-phone-characters = Utilisez uniquement des chiffres, des espaces et + - ( ), par exemple +33 1 23 45 67 89.
profile-phone-digits = Un numéro de téléphone compte de 7 à 15 chiffres.
profile-password-heading = Mot de passe
profile-current-password = Mot de passe actuel
profile-new-password = Nouveau mot de passe
profile-new-password-again = Confirmez le nouveau mot de passe
profile-password-hint = Au moins 10 caractères. Le changer déconnecte vos autres appareils.
profile-password-change = Changer le mot de passe
profile-password-changed = Votre mot de passe est changé. Vos autres appareils ont été déconnectés.
profile-current-password-wrong = Ce n’est pas votre mot de passe actuel.
profile-current-password-tries = Le mot de passe actuel a été mal saisi trop de fois. Patientez un quart d’heure, puis réessayez.
profile-sessions-heading = Où vous êtes connecté
profile-session-this-device = Cet appareil
profile-session-seen = { $address } · dernière activité { $seen } · connexion { $signed_in }
profile-ip-unknown = inconnue
profile-device-unknown = Appareil inconnu
profile-device-browser-on = { $browser } sur { $system }
profile-sessions-sign-out-others = Déconnecter les autres sessions
profile-sessions-sign-out-all = Se déconnecter partout
profile-signed-out-others = { $count ->
    [0] Il n’y avait aucune autre session à déconnecter.
    [one] 1 autre session a été déconnectée.
   *[other] { $count } autres sessions ont été déconnectées.
}
profile-signed-out-everywhere = Vous êtes déconnecté partout, y compris sur cet appareil.

# La validation en deux étapes : l’activer, la désactiver, et les codes de secours.

profile-mfa-heading = Validation en deux étapes
profile-mfa-on = Activée
profile-mfa-off = Désactivée
profile-mfa-on-text = { $count ->
    [one] La connexion demande un code de votre application d’authentification. Il vous reste 1 code de secours.
   *[other] La connexion demande un code de votre application d’authentification. Il vous reste { $count } codes de secours.
}
profile-mfa-off-text = Ajoutez à votre mot de passe un code d’une application d’authentification : un mot de passe volé ne suffira plus pour ouvrir votre compte.
profile-mfa-manage = Gérer la validation en deux étapes
profile-mfa-set-up = Activer la validation en deux étapes
profile-mfa-back = Retour à votre profil
profile-mfa-required-stays = Votre rôle exige la validation en deux étapes : elle ne peut pas être désactivée.
profile-mfa-turn-off-heading = La désactiver
profile-mfa-current-code = Un code actuel de votre application
profile-mfa-or-password = ou votre mot de passe
profile-mfa-turn-off = Désactiver la validation en deux étapes
profile-mfa-required-set-up = Votre rôle exige la validation en deux étapes. Activez-la pour continuer.
profile-mfa-step-app = Ouvrez une application d’authentification sur votre téléphone (par exemple Google Authenticator, Microsoft Authenticator ou 1Password) et ajoutez un compte.
profile-mfa-step-scan = Scannez ce code avec elle.
profile-mfa-step-no-picture = Scannez ce code avec elle (l’image n’a pas pu être créée ; saisissez plutôt la clé).
profile-mfa-qr-alt = Code QR pour votre application d’authentification
profile-mfa-type-key = Ou saisissez cette clé :
profile-mfa-step-code = Saisissez le code à 6 chiffres affiché par l’application.
profile-mfa-code-label = Code de l’application
profile-mfa-turn-on = Activer la validation en deux étapes
profile-mfa-code-wrong = Ce code ne correspond pas. Saisissez le code à 6 chiffres que votre application affiche maintenant.
profile-mfa-role-requires = Votre rôle exige la validation en deux étapes : elle reste activée.
profile-mfa-prove = Saisissez un code actuel de votre application, ou votre mot de passe, pour désactiver la validation en deux étapes.
profile-mfa-turned-off = La validation en deux étapes est désactivée.
profile-recovery-heading = La validation en deux étapes est activée
profile-recovery-from-now = Désormais, la connexion vous demandera un code de votre application.
profile-recovery-title = Vos codes de secours
profile-recovery-explain = Si vous perdez votre téléphone, chacun de ces codes vous permet de vous connecter une fois sans l’application. Imprimez-les ou notez-les maintenant et gardez-les en lieu sûr :
profile-recovery-once = ils ne sont affichés qu’une seule fois.
profile-recovery-kept = Je les ai conservés
