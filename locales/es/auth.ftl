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

## The guessing library's advice on a weak password, after password-guessable.
password-advice-key-rows = Las filas seguidas del teclado son fáciles de adivinar.
password-advice-key-patterns = Los recorridos cortos por el teclado son fáciles de adivinar.
password-advice-repeats = Las repeticiones como «aaa» son fáciles de adivinar.
password-advice-repeated-runs = Repetir un grupo, como «abcabcabc», apenas es más difícil de adivinar que «abc».
password-advice-top-10 = Es una de las 10 contraseñas más usadas.
password-advice-top-100 = Es una de las 100 contraseñas más usadas.
password-advice-common = Es una contraseña muy común.
password-advice-similar = Se parece a una contraseña muy usada.
password-advice-sequences = Las secuencias como abc o 6543 son fáciles de adivinar.
password-advice-recent-years = Los años recientes son fáciles de adivinar.
password-advice-one-word = Una sola palabra es fácil de adivinar.
password-advice-dates = Las fechas suelen ser fáciles de adivinar.
password-advice-names = Los nombres y apellidos solos son fáciles de adivinar.
password-advice-common-names = Los nombres y apellidos comunes son fáciles de adivinar.
password-advice-use-words = Usa varias palabras y evita las frases hechas.
password-advice-no-symbols-needed = No hacen falta símbolos, números ni mayúsculas.
password-advice-add-words = Añade una o dos palabras más; mejor si son poco comunes.
password-advice-capitals = Poner mayúsculas apenas ayuda.
password-advice-all-capitals = Todo en mayúsculas es casi tan fácil de adivinar como todo en minúsculas.
password-advice-reversed = Las palabras al revés apenas son más difíciles de adivinar.
password-advice-substitutions = Los cambios previsibles, como «@» en lugar de «a», apenas ayudan.
password-advice-longer-pattern = Usa un recorrido por el teclado más largo y con más giros.
password-advice-avoid-repeats = Evita repetir palabras y caracteres.
password-advice-avoid-sequences = Evita las secuencias.
password-advice-avoid-recent-years = Evita los años recientes.
password-advice-avoid-your-years = Evita los años relacionados contigo.
password-advice-avoid-your-dates = Evita las fechas y los años relacionados contigo.
