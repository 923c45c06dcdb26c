# Configuración del centro y, para quien tiene acceso a todas las organizaciones,
# la elección de organización (/organization, /settings).

settings-choose-title = Elige una organización
settings-choose-intro = Tu cuenta puede trabajar en todas las organizaciones; las páginas muestran una cada vez.
settings-current = actual
settings-choose-unknown = Elige una de las organizaciones de la lista.
settings-now-working-in = Ahora trabajas en { $organization }.

settings-week-start-heading = Semana del calendario
settings-week-start-label = Primer día de la semana
settings-week-start-hint = Los calendarios de { $school } empiezan cada semana en este día.
settings-week-start-save = Guardar primer día de la semana
settings-week-start-saved = Se ha guardado el primer día de la semana.
settings-week-start-unknown = Elige un día de la semana de la lista.

settings-intro = Cada sección se guarda por separado. Los cambios quedan en el registro de auditoría con tu nombre.

settings-name-heading = Nombre del centro
settings-name-label = Nombre que aparece en la cabecera, en los correos y en las páginas impresas
settings-name-save = Guardar nombre
settings-name-saved = Se ha guardado el nombre del centro.
settings-name-direction = Quita los caracteres que cambian la dirección del texto.
settings-name-required = Escribe el nombre del centro.
settings-name-too-long = Usa como máximo 120 caracteres.

settings-logo-heading = Logotipo
settings-logo-alt = Logotipo de { $school }
settings-logo-none = Aún no hay logotipo: la cabecera muestra solo el nombre del centro.
settings-logo-label = Nuevo logotipo
settings-logo-hint = Una imagen PNG, JPEG, WebP o GIF de { $limit } como máximo. No se aceptan archivos SVG, porque pueden llevar código.
settings-logo-save = Subir logotipo
settings-logo-saved = Se ha guardado el nuevo logotipo.
settings-logo-remove = Quitar logotipo
settings-logo-removed = Se ha quitado el logotipo.

settings-colour-heading = Color de la cabecera
settings-colour-label = Código de color
settings-colour-hint = Un color en formato #RRGGBB, por ejemplo #1d4e89. El texto de la cabecera es blanco, así que el color debe ser lo bastante oscuro para leerlo: un contraste de al menos 4,5:1.
settings-colour-save = Guardar color
settings-colour-reset = Usar el color de Homeroom
settings-colour-saved = Se ha guardado el color de la cabecera.
settings-colour-unreadable = Escribe el color como # y seis dígitos hexadecimales, por ejemplo #1d4e89.
settings-colour-low-contrast = El texto blanco sobre este color tiene un contraste de solo { $ratio }:1; hace falta al menos 4,5:1 para que todos puedan leer la cabecera. Elige un color más oscuro.

settings-mail-heading = Remitente de los correos
settings-mail-intro = Los correos salen de la dirección de esta instalación para que no se tomen por correo no deseado; las familias ven el nombre del centro como remitente y sus respuestas llegan a la dirección del centro.
settings-sender-name-label = Nombre del remitente
settings-sender-name-hint = Déjalo vacío para usar { $school }.
settings-sender-name-symbols = El nombre del remitente no puede llevar < > " ni @.
settings-reply-to-label = Dirección de respuesta
settings-reply-to-hint = La dirección de correo del propio centro, donde llegan las respuestas. Déjala vacía si no hay ninguna.
settings-reply-to-invalid = Escribe una dirección de correo como secretaria@colegio.org.
settings-mail-save = Guardar remitente
settings-mail-saved = Se ha guardado el remitente de los correos.

settings-region-heading = Zona horaria y moneda
settings-time-zone-label = Zona horaria
settings-time-zone-hint = La zona horaria del centro como nombre de lugar, por ejemplo Europe/Madrid o America/Mexico_City. Los días y horas del centro la siguen.
settings-time-zone-unknown = «{ $value }» no es una zona horaria. Elige una de la lista, como Europe/Madrid.
settings-currency-label = Moneda
settings-currency-hint = El código ISO 4217 de tres letras, por ejemplo EUR, USD o MXN. Las facturas y los pagos se muestran en ella.
settings-currency-unknown = «{ $value }» no es un código de moneda. Usa un código ISO 4217 de tres letras, como EUR o USD.
settings-region-save = Guardar zona horaria y moneda
settings-region-saved = Se han guardado la zona horaria y la moneda.

settings-school-day-heading = Jornada escolar
settings-school-day-intro = Hora de inicio de la jornada en cada sede: el personal que registra su entrada más tarde figura como retrasado.
settings-school-day-no-campus = Todavía no hay ninguna sede.
settings-school-day-add-campus = Añadir una sede
settings-school-day-label = La jornada empieza en { $campus } a las
settings-school-day-save = Guardar horas de inicio
settings-school-day-saved = Se han guardado las horas de inicio.
settings-school-day-unknown = No se encontró una de las sedes. Vuelve a cargar la página e inténtalo de nuevo.
settings-school-day-unreadable = Escribe cada hora de inicio en horas y minutos, por ejemplo 08:30.

settings-areas-heading = Aspectos de las visitas al aula
settings-areas-intro = Los siete aspectos que se valoran en una visita al aula conservan su sentido; dales los nombres que usa tu centro. Deja un campo vacío para mantener el nombre de Homeroom.
settings-areas-save = Guardar nombres de los aspectos
settings-areas-saved = Se han guardado los nombres de los aspectos.
settings-area-too-long = Usa como máximo 60 caracteres.
settings-numbers-heading = Números de alumno
settings-numbers-label = Formato del número de un alumno nuevo
settings-numbers-hint = Un alumno dado de alta sin número recibe uno: {"{"}year{"}"} es el año natural y {"{"}seq{"}"} el siguiente número del año; {"{"}seq:05{"}"} lo completa hasta cinco cifras. Los números ya asignados no cambian.
settings-numbers-next = El próximo alumno nuevo recibirá el { $number }.
settings-numbers-save = Guardar el formato
settings-numbers-saved = Se ha guardado el formato de los números de alumno.
settings-number-too-long = El formato debe ocupar una sola línea de 40 caracteres como máximo.
settings-number-needs-sequence = Incluye {"{"}seq{"}"} (o {"{"}seq:05{"}"}) en el formato para que cada alumno reciba un número distinto.
settings-number-unknown-part = Entre llaves solo pueden ir {"{"}year{"}"}, {"{"}seq{"}"} y {"{"}seq:0N{"}"} (N de 1 a 12).
