# Administración: usuarios, invitaciones, roles, la cuadrícula de permisos y la bandeja de salida.

admin-cancel = Cancelar
admin-search = Buscar
admin-filter = Filtrar
admin-name = Nombre
admin-email = Correo
admin-role = Rol
admin-status = Estado
admin-address = Dirección IP
admin-device = Dispositivo
admin-device-unknown = Desconocido
admin-actions = Acciones
admin-never = Nunca
admin-no-role = Sin rol
admin-last-sign-in = Último acceso
admin-mfa-on = Verificación en dos pasos activada

admin-status-active = Activa
admin-status-invited = Invitada
admin-status-disabled = Desactivada

admin-users-title = Usuarios
admin-users-intro = Todas las personas que inician sesión en { $organization }.
admin-users-search-placeholder = Nombre o correo
admin-all-roles = Todos los roles
admin-any-status = Cualquier estado
admin-users-none-match = Ningún usuario coincide. Prueba con menos palabras o con otro filtro.
admin-users-none = Todavía no hay usuarios.

admin-user-account = Cuenta
admin-user-added = Alta
admin-user-resend-invitation = Reenviar la invitación
admin-user-enable = Activar la cuenta
admin-user-disable = Desactivar y cerrar sus sesiones
admin-user-change-role = Cambiar el rol
admin-user-save-role = Guardar el rol
admin-user-extra-permissions = Permisos adicionales
admin-user-extra-permissions-hint = Permisos además de los del rol, solo para esta persona.
admin-user-role-changed = { $name } ahora tiene el rol { $role }.
admin-user-disable-self = No puedes desactivar tu propia cuenta. Si hace falta, pídeselo a otro administrador.
admin-user-enabled = { $name } puede volver a iniciar sesión.
admin-user-disabled = { $name } está desactivado y se han cerrado todas sus sesiones.
admin-sessions-title = Sesiones abiertas
admin-sessions-none = No hay sesiones activas.
admin-sessions-started = Inicio
admin-sessions-last-seen = Última actividad
admin-sessions-ends = Caduca
admin-sessions-this = Esta sesión
admin-sessions-sign-out = Cerrar sesión
admin-session-ended = La sesión se ha cerrado; ese dispositivo ya no tiene acceso.
admin-history-title = Historial de accesos
admin-history-none = Todavía no hay accesos.
admin-history-when = Cuándo
admin-history-result = Resultado
admin-history-how = Cómo
admin-history-signed-in = Acceso correcto
admin-failure-unknown-email = Correo desconocido
admin-failure-wrong-password = Contraseña incorrecta
admin-failure-wrong-code = Código de verificación incorrecto
admin-failure-locked = Cuenta bloqueada
admin-failure-disabled = Cuenta desactivada
admin-failure-no-organization = Sin organización
admin-failure-reset-requested = Restablecimiento solicitado
admin-failure-wrong-current-password = Contraseña actual incorrecta
admin-failure-other = Fallido

admin-invite-title = Invitar a un usuario
admin-invite-intro = Recibirá un correo con un enlace para elegir su contraseña.
admin-invite-send = Enviar la invitación
admin-invite-sent = Invitación enviada a { $email }.
admin-invite-no-role = miembro del personal
admin-invite-again-disabled = Activa la cuenta antes de enviar una nueva invitación.
admin-invite-again-active = { $name } ya ha elegido una contraseña, así que no hay invitación que enviar.
admin-invite-again-sent = Se ha enviado una nueva invitación a { $email }. El enlace anterior ya no funciona.
admin-first-name = Nombre
admin-first-name-missing = Escribe el nombre.
admin-last-name = Apellidos
admin-last-name-missing = Escribe los apellidos.
admin-email-address = Dirección de correo
admin-email-missing = Escribe la dirección de correo.
admin-email-invalid = Escribe una dirección de correo como nombre@colegio.org.
admin-email-taken = Ya hay una cuenta con esta dirección de correo.
admin-field-too-long = «{ $label }» admite como máximo { $max } caracteres.
admin-role-missing = Elige un rol.
admin-role-unknown = Elige uno de los roles de la lista.

admin-roles-title = Roles
admin-roles-intro = Un rol es lo que una persona puede hacer. Los roles son comunes a todas las organizaciones de este Homeroom.
admin-roles-intro-read-only = Un rol es lo que una persona puede hacer. Los roles son comunes a todas las organizaciones de este Homeroom; solo un superadministrador puede cambiarlos.
admin-roles-users-here = Usuarios aquí
admin-roles-users-everywhere = En todas las organizaciones
admin-roles-sign-in = Acceso
admin-roles-password = Contraseña
admin-role-global-access = Acceso global
admin-role-mfa-required = Verificación en dos pasos obligatoria
admin-role-users-here = { $here ->
    [one] { $here } usuario aquí
   *[other] { $here } usuarios aquí
}
admin-role-users-here-and-everywhere = { $here ->
    [one] { $here } usuario aquí
   *[other] { $here } usuarios aquí
}, { $everywhere } en todas las organizaciones
admin-role-details = Datos
admin-role-save-details = Guardar los datos
admin-role-no-description = Sin descripción.
admin-role-shared = Los roles son comunes a todas las organizaciones de este Homeroom, así que solo un superadministrador puede cambiarlos.
admin-role-permissions = Permisos
admin-role-delete-title = Eliminar este rol
admin-role-delete-hint = Nadie tiene este rol. Al eliminarlo desaparece de las listas; su registro se conserva.
admin-role-delete = Eliminar el rol
admin-role-delete-held = Un rol solo se puede eliminar cuando nadie lo tiene. Asigna antes otro rol a sus usuarios.
admin-role-new-title = Nuevo rol
admin-role-new-hint = El nuevo rol empieza sin permisos; los eliges en la página siguiente.
admin-role-create = Crear el rol
admin-role-name = Nombre
admin-role-name-missing = Escribe el nombre.
admin-role-name-taken = Ya hay otro rol con este nombre.
admin-role-description = Descripción
admin-role-description-hint = Opcional: qué hacen las personas con este rol.
admin-role-require-mfa = Exigir un segundo paso (verificación en dos pasos) al iniciar sesión
admin-role-created = Se ha creado el rol «{ $name }». Marca lo que puede hacer.
admin-role-saved = Rol guardado.
admin-role-deleted = Se ha eliminado el rol «{ $name }».
admin-role-builtin = «{ $name }» viene con Homeroom y no se puede eliminar. Puedes cambiar sus permisos.
admin-role-held = { $count ->
    [one] «{ $name }» no se puede eliminar mientras { $count } usuario lo tenga. Asígnale antes otro rol.
   *[other] «{ $name }» no se puede eliminar mientras { $count } usuarios lo tengan. Asígnales antes otro rol.
}

admin-grid-saves = Cada casilla se guarda en cuanto la cambias.
admin-grid-saves-inherited = Cada casilla se guarda en cuanto la cambias. Las marcas en gris vienen del rol y se cambian en la página del rol.
admin-grid-inherited = Las marcas en gris vienen del rol.
admin-grid-records = Registros
admin-grid-save = Guardar los permisos
admin-action-create = Crear
admin-action-read = Ver
admin-action-update = Modificar
admin-action-delete = Eliminar
admin-permission-label = { $action ->
    [create] Crear { $records }
    [read] Ver { $records }
    [update] Modificar { $records }
   *[delete] Eliminar { $records }
}
admin-permission-from-role = { $permission } (del rol)
admin-permission-saved = Guardado
admin-permissions-saved = Permisos guardados.
admin-permission-unknown = El formulario nombraba un permiso que no existe.
admin-refused-own-permission = Así te quitarías tu propio permiso para gestionar usuarios. Pide a otro administrador que haga este cambio.
admin-refused-last-role-changer = Así no quedaría ningún usuario activo con acceso global que pueda cambiar roles. Da antes ese permiso a otro superadministrador.
admin-group-people = Personas
admin-group-academics = Docencia
admin-group-attendance = Asistencia
admin-group-finance = Finanzas
admin-group-communication = Comunicación
admin-group-modules = Módulos del producto
admin-group-system = Sistema

admin-outbox-title = Bandeja de salida
admin-outbox-smtp = El correo sale por el servidor SMTP configurado; esto es su registro.
admin-outbox-no-smtp = No hay ningún servidor SMTP configurado (HOMEROOM_SMTP_URL), así que el correo se queda aquí en lugar de enviarse.
admin-outbox-none = Todavía no se ha enviado nada. Aquí aparecen las invitaciones y los restablecimientos de contraseña.
admin-outbox-to = para { $address }

admin-staff-record = Ficha de personal
admin-staff-none = No está vinculado a ninguna ficha de personal.
admin-staff-pick = Ficha de personal
admin-staff-choose = Elija una ficha de personal
admin-staff-link = Vincular
admin-staff-unlink = Desvincular la ficha de personal
admin-staff-none-linked = Este usuario no está vinculado a ninguna ficha de personal.
admin-note-head = Notas
admin-note-hint = Solo quienes gestionan usuarios ven estas notas.
admin-note-label = Notas sobre este usuario
admin-note-save = Guardar las notas
admin-note-saved = Las notas sobre { $name } se han guardado.
admin-note-too-long = Las notas pueden tener como máximo { $max } caracteres.
admin-guide-head = Guía de este rol
admin-guide-hint = Un documento para las personas de este centro con este rol (lo que hace la secretaría, por ejemplo): lo descargan desde su perfil.
admin-guide-none = Todavía no hay guía.
admin-guide-yours = La guía de su rol
