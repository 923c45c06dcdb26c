# El personal y sus cuentas de acceso: invitar a un miembro del personal, vincular un usuario existente, invitar a todos a la vez.

staff-crumb = Personal
staff-open-account = Cuenta de acceso
staff-account-title = Cuenta de acceso de { $name }
staff-linked-head = Cuenta vinculada
staff-signs-in-as = Inicia sesión como { $user } ({ $email }).
staff-open-user = Abrir la ficha del usuario
staff-unlink = Desvincular
staff-unlink-hint = Al desvincularla, la cuenta se conserva, pero deja de contar como este miembro del personal (sus clases en Hoy, sus pases de lista).
staff-invite-head = Invitar a iniciar sesión
staff-invite-intro = Crea una cuenta con esta dirección de correo y envía una invitación para elegir una contraseña.
staff-role = Rol
staff-invite-send = Enviar la invitación
staff-invite-no-email = Este miembro del personal no tiene correo electrónico, así que no se le puede enviar una invitación.
staff-add-email = Añadir un correo electrónico
staff-invite-email-taken = Ya existe una cuenta con el correo { $email }: vincúlela en su lugar.
staff-invite-sent = { $name } está invitado: la invitación se envió a { $email }.
staff-link-head = Vincular un usuario existente
staff-link-none = Todos los usuarios del centro ya tienen una ficha de personal.
staff-link-user = Usuario
staff-choose-user = Elija un usuario
staff-link = Vincular
staff-linked = { $name } ahora inicia sesión como { $user }.
staff-unlinked = { $name } ya no tiene cuenta de acceso.
staff-already-linked = Este miembro del personal ya tiene una cuenta: desvincúlela primero.
staff-user-taken = { $user } ya está vinculado a la ficha de personal de { $name }.
staff-link-raced = Alguien acaba de vincular esta cuenta o esta ficha. Vuelva a cargar la página.

staff-bulk-open = Invitar a todos los que no tienen cuenta
staff-bulk-title = Invitar al personal sin cuenta
staff-bulk-will-send = { $count ->
    [one] Se enviará una invitación.
   *[other] Se enviarán { $count } invitaciones.
}
staff-bulk-no-email = { $count ->
    [0] Todo el personal sin cuenta tiene correo electrónico.
    [one] Un miembro del personal no tiene correo electrónico y no será invitado.
   *[other] { $count } miembros del personal no tienen correo electrónico y no serán invitados.
}
staff-bulk-progress = { $total ->
    [one] { $done } de una invitación tramitada…
   *[other] { $done } de { $total } invitaciones tramitadas…
}
staff-bulk-back = Volver a la lista del personal
staff-bulk-continue = Enviar las siguientes invitaciones
staff-import-invite = Después, invitar al personal que este archivo añade o cambia y que tiene correo y no tiene cuenta
staff-import-inviting = Invitando al personal importado a iniciar sesión…
staff-import-invite-now = Enviar las invitaciones
staff-bulk-sent = { $count ->
    [0] No se envió ninguna invitación.
    [one] Se envió una invitación.
   *[other] Se enviaron { $count } invitaciones.
}
staff-bulk-confirm = { $count ->
    [one] Enviar una invitación
   *[other] Enviar { $count } invitaciones
}
staff-cancel = Cancelar
staff-bulk-to-invite-head = Recibirán invitación
staff-bulk-invited-head = Invitados
staff-bulk-nobody = Nadie.
staff-bulk-no-email-head = Sin correo electrónico
staff-bulk-everyone-has-email = Todos tienen correo electrónico.
staff-bulk-skipped-head = No invitados
staff-bulk-no-role = No puede asignar el rol que corresponde a su tipo de personal: invítelo desde su ficha.
