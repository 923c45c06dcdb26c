# Correos que Homeroom envía sobre una cuenta: enlace para cambiar la contraseña, bloqueo, invitación.

email-reset-subject = Elige una nueva contraseña de Homeroom
email-reset-body =
    Alguien (esperamos que tú) ha pedido restablecer la contraseña de tu cuenta de Homeroom.

    Elige una nueva contraseña aquí durante la próxima hora:
    { $link }

    Si no lo has pedido tú, ignora este correo: tu contraseña sigue siendo la misma.
email-locked-subject = Tu cuenta de Homeroom está bloqueada por ahora
email-locked-body =
    Ha habido demasiados intentos fallidos de iniciar sesión en tu cuenta de Homeroom, así que está bloqueada hasta el { $day } a las { $time }. Hasta entonces se rechaza incluso la contraseña correcta.

    Si esos intentos no fueron tuyos, puede que alguien esté intentando adivinar tu contraseña: después del { $day } a las { $time }, inicia sesión y cámbiala, o usa «¿Has olvidado tu contraseña?» en la página de inicio de sesión para elegir una nueva.
email-invite-subject = Te invitan a Homeroom en { $organization }
email-invite-body =
    Hola, { $first }:

    { $inviter } te ha invitado a Homeroom en { $organization }, donde entrarás como { $role }.

    Elige aquí tu contraseña para empezar (el enlace funciona una sola vez, durante { $days ->
        [one] { $days } día
       *[other] { $days } días
    }):
    { $link }

    Tu nombre de usuario es esta dirección de correo: { $email }

    Si no esperabas esta invitación, puedes ignorar este correo.
