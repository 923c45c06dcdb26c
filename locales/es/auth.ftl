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

# El segundo paso, una contraseña olvidada, elegir contraseña, un bloqueo.

signin-code-title = Inicio de sesión en dos pasos
signin-code-label = Código de tu aplicación de autenticación
signin-code-hint = El código de 6 dígitos que muestra ahora, o uno de tus códigos de recuperación.
signin-code-continue = Continuar
signin-code-someone-else = Entrar con otra cuenta
signin-code-wrong = Ese código no ha funcionado. Escribe el código de 6 dígitos que muestra ahora tu aplicación, o uno de tus códigos de recuperación.
signin-code-expired = Tu inicio de sesión tardó demasiado en completarse. Vuelve a iniciar sesión.
signin-signed-out = Has cerrado la sesión.
signin-locked = { $minutes ->
    [one] Esta cuenta está bloqueada durante { $minutes } minuto tras demasiados intentos fallidos de inicio de sesión. Vuelve a intentarlo entonces, o usa «¿Has olvidado tu contraseña?» para elegir una nueva.
   *[other] Esta cuenta está bloqueada durante { $minutes } minutos tras demasiados intentos fallidos de inicio de sesión. Vuelve a intentarlo entonces, o usa «¿Has olvidado tu contraseña?» para elegir una nueva.
}
password-forgot-intro = Escribe la dirección de correo con la que inicias sesión. Te enviaremos un enlace para elegir una nueva contraseña.
password-forgot-send = Enviar el enlace
password-forgot-bad-email = Escribe la dirección de correo con la que inicias sesión, como nombre@colegio.org.
password-forgot-sent = Si existe una cuenta para { $email }, le hemos enviado un enlace para elegir una nueva contraseña. El enlace funciona una sola vez, durante la próxima hora.
password-forgot-nothing-arrived = ¿No ha llegado nada? Revisa la carpeta de correo no deseado o pregunta al administrador de tu centro.
password-back-to-sign-in = Volver a iniciar sesión
password-set-title = Elige tu contraseña
password-set-intro = Para la cuenta de Homeroom { $email }. Usa al menos 10 caracteres; unas cuantas palabras sin relación entre sí forman una buena contraseña.
password-new = Nueva contraseña
password-again = Repite la contraseña
password-set-save = Guardar la contraseña
password-set-done = Tu contraseña está guardada. Inicia sesión con tu correo y la nueva contraseña.
password-link-expired = Este enlace ha caducado o ya se ha usado.
password-link-expired-help = Los enlaces para elegir contraseña funcionan una sola vez: el de restablecimiento durante una hora y el de invitación durante siete días. Puedes pedir un enlace nuevo o pedir al administrador de tu centro que vuelva a invitarte.
password-link-new = Enviarme un enlace nuevo
password-too-short = Usa al menos { $min } caracteres.
password-too-long = Usa como máximo { $max } caracteres.
password-guessable = Esta contraseña es demasiado fácil de adivinar.
password-mismatch = Las dos contraseñas no coinciden. Escribe la nueva contraseña dos veces.
