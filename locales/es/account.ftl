# El idioma en que cada persona lee Homeroom (su perfil) y el de su centro.

profile-language-heading = Idioma
profile-language-label = Idioma de las páginas de Homeroom
profile-language-school = El idioma del centro ({ $language })
profile-language-browser = El idioma de tu navegador
profile-language-save = Guardar idioma
profile-language-saved = Tu idioma se ha guardado.
language-unknown = Elige uno de los idiomas de la lista.

organization-language-heading = Idioma del centro
organization-language-label = Idioma de { $school }
organization-language-browser = El idioma del navegador de cada persona
organization-language-hint = Quien no haya elegido un idioma en su perfil verá Homeroom en este.
organization-language-save = Guardar idioma del centro
organization-language-saved = El idioma del centro se ha guardado.

# La página de perfil: los datos propios, la contraseña, la verificación en dos pasos y las sesiones.

profile-title = Tu perfil
profile-details-heading = Tus datos
profile-first-name = Nombre
profile-last-name = Apellidos
profile-phone = Teléfono
profile-details-save = Guardar datos
profile-details-saved = Tus datos se han guardado.
profile-name-too-long = Usa como máximo { $max } caracteres.
profile-name-characters = Usa solo letras, espacios y signos de puntuación.
profile-phone-characters = Usa solo dígitos, espacios y + - ( ), por ejemplo +34 912 345 678.
profile-phone-digits = Un número de teléfono tiene entre 7 y 15 dígitos.
profile-password-heading = Contraseña
profile-current-password = Contraseña actual
profile-new-password = Contraseña nueva
profile-new-password-again = Repite la contraseña nueva
profile-password-hint = Al menos 10 caracteres. Al cambiarla se cierra la sesión en tus otros dispositivos.
profile-password-change = Cambiar contraseña
profile-password-changed = Tu contraseña se ha cambiado. Se ha cerrado la sesión en los demás dispositivos.
profile-current-password-wrong = Esa no es tu contraseña actual.
profile-current-password-tries = Has escrito mal la contraseña actual demasiadas veces. Espera un cuarto de hora y vuelve a intentarlo.
profile-sessions-heading = Dónde tienes la sesión iniciada
profile-session-this-device = Este dispositivo
profile-session-seen = { $address } · última actividad { $seen } · inicio de sesión { $signed_in }
profile-ip-unknown = desconocida
profile-device-unknown = Dispositivo desconocido
profile-device-browser-on = { $browser } en { $system }
profile-sessions-sign-out-others = Cerrar las otras sesiones
profile-sessions-sign-out-all = Cerrar sesión en todas partes
profile-signed-out-others = { $count ->
    [0] No había otras sesiones que cerrar.
    [one] Se ha cerrado 1 sesión más.
   *[other] Se han cerrado otras { $count } sesiones.
}
profile-signed-out-everywhere = Has cerrado la sesión en todas partes, también en este dispositivo.

# La verificación en dos pasos: activarla, desactivarla y los códigos de recuperación.

profile-mfa-heading = Verificación en dos pasos
profile-mfa-on = Activada
profile-mfa-off = Desactivada
profile-mfa-on-text = { $count ->
    [one] Al iniciar sesión se te pide un código de tu aplicación de autenticación. Te queda 1 código de recuperación.
   *[other] Al iniciar sesión se te pide un código de tu aplicación de autenticación. Te quedan { $count } códigos de recuperación.
}
profile-mfa-off-text = Añade a tu contraseña un código de una aplicación de autenticación, para que nadie pueda entrar en tu cuenta solo con una contraseña robada.
profile-mfa-manage = Gestionar la verificación en dos pasos
profile-mfa-set-up = Activar la verificación en dos pasos
profile-mfa-back = Volver a tu perfil
profile-mfa-required-stays = Tu rol exige la verificación en dos pasos, así que no se puede desactivar.
profile-mfa-turn-off-heading = Desactivarla
profile-mfa-current-code = Un código actual de tu aplicación
profile-mfa-or-password = o tu contraseña
profile-mfa-turn-off = Desactivar la verificación en dos pasos
profile-mfa-required-set-up = Tu rol exige la verificación en dos pasos. Actívala para continuar.
profile-mfa-step-app = Abre una aplicación de autenticación en tu teléfono (por ejemplo Google Authenticator, Microsoft Authenticator o 1Password) y añade una cuenta.
profile-mfa-step-scan = Escanea este código con ella.
profile-mfa-step-no-picture = Escanea este código con ella (no se ha podido generar la imagen; escribe la clave).
profile-mfa-qr-alt = Código QR para tu aplicación de autenticación
profile-mfa-type-key = O escribe esta clave:
profile-mfa-step-code = Escribe el código de 6 dígitos que muestra la aplicación.
profile-mfa-code-label = Código de la aplicación
profile-mfa-turn-on = Activar la verificación en dos pasos
profile-mfa-code-wrong = Ese código no coincide. Escribe el código de 6 dígitos que muestra ahora tu aplicación.
profile-mfa-role-requires = Tu rol exige la verificación en dos pasos, así que sigue activada.
profile-mfa-prove = Para desactivar la verificación en dos pasos, escribe un código actual de tu aplicación o tu contraseña.
profile-mfa-turned-off = La verificación en dos pasos está desactivada.
profile-recovery-heading = La verificación en dos pasos está activada
profile-recovery-from-now = A partir de ahora, al iniciar sesión se te pedirá un código de tu aplicación.
profile-recovery-title = Tus códigos de recuperación
profile-recovery-explain = Si pierdes el teléfono, cada uno de estos códigos te permite iniciar sesión una vez sin la aplicación. Imprímelos o anótalos ahora y guárdalos en un lugar seguro:
profile-recovery-once = solo se muestran esta vez.
profile-recovery-kept = Ya los he guardado
