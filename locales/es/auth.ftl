# Iniciar sesión.

signin-title = Iniciar sesión
signin-heading = Inicia sesión en Homeroom
signin-email = Correo electrónico
signin-password = Contraseña
signin-keep-signed-in = Mantener la sesión iniciada en este dispositivo
signin-submit = Entrar
signin-forgot-password = ¿Has olvidado tu contraseña?
signin-wrong-credentials = Ese correo y esa contraseña no corresponden a ninguna cuenta. Revisa ambos y vuelve a intentarlo.
signin-account-disabled = Esta cuenta está desactivada. Pide a un administrador que la active.
signin-no-organization = Esta cuenta aún no pertenece a ninguna organización. Pide a un administrador que la añada a una.
