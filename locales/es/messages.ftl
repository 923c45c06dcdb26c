# La bandeja de entrada: los avisos dirigidos a quien ha iniciado sesión.

messages-inbox-title = Bandeja de entrada
messages-inbox-intro = Los avisos que te envía el colegio: avisos de inasistencia, comentarios de las visitas de aula y comunicados.
messages-inbox-empty = Tu bandeja de entrada está vacía. Aquí aparecerán los avisos dirigidos a ti.
messages-new = Nuevo
messages-from = de { $sender }
messages-from-at = de { $sender } · { $when }

# Escribir un mensaje, y su informe de entrega.

messages-nav-new = Nuevo mensaje
messages-compose-title = Nuevo mensaje
messages-compose-intro = Escribe a las familias, al alumnado o al personal. Con la vista previa verás a cuántas personas llega antes de enviarlo.
messages-form-errors = El mensaje no se ha enviado. Revisa los campos marcados.
messages-subject = Asunto
messages-body = Mensaje
messages-body-hint = Texto sin formato. Se conservan los saltos de línea y las direcciones web se convierten en enlaces.
messages-audience = ¿Para quién es?
messages-audience-everyone = Todo el colegio
messages-audience-staff = Todo el personal
messages-audience-guardians = Todos los tutores
messages-audience-students = Todos los alumnos
messages-audience-campus = Algunas sedes
messages-audience-grade = Algunos cursos
messages-audience-class = Algunas clases
messages-audience-custom = Personas que elijo
messages-which-campuses = Sedes
messages-which-grades = Cursos
messages-which-classes = Clases
messages-which-people = Personas
messages-no-classes = No tienes clases a las que escribir.
messages-who-hint = En una sede, curso o clase, el mensaje llega a:
messages-to-guardians = Tutores
messages-to-students = Alumnos
messages-to-staff = Personal
messages-channels = Cómo se envía
messages-channel-in-app = En su bandeja de Homeroom
messages-channel-email = Por correo electrónico
messages-send-at = Enviar más tarde, el
messages-send-at-hint = Solo para «Programar»: la fecha y hora de envío, en la zona horaria del colegio.
messages-do-preview = Vista previa
messages-do-keep = Guardar borrador
messages-do-schedule = Programar
messages-do-send = Enviar ahora
messages-preview-count = { $count ->
    [one] Este mensaje llega a 1 persona.
   *[other] Este mensaje llega a { $count } personas.
}
messages-preview-sample = Entre ellas:
messages-preview-unreachable = { $count ->
    [one] 1 de ellas no tiene correo electrónico ni cuenta, y no lo recibirá.
   *[other] { $count } de ellas no tienen correo electrónico ni cuenta, y no lo recibirán.
}
messages-error-subject = Pon un asunto al mensaje.
messages-error-subject-long = El asunto debe tener menos de 200 caracteres.
messages-error-body = Escribe el mensaje.
messages-error-audience = Elige para quién es el mensaje.
messages-error-audience-which = Elige al menos una sede, curso, clase o persona.
messages-error-nobody = Elige tutores, alumnos o personal.
messages-error-channel = Elige la bandeja de entrada, el correo o ambos.
messages-error-when = Indica una fecha y hora, por ejemplo 03/12/2026 09:00.
messages-error-later = Para programar el mensaje, elige una hora futura.
messages-error-own-classes = Solo puedes escribir a los alumnos y las familias de las clases que impartes.
messages-kept = El borrador está guardado.
messages-scheduled = El mensaje está programado.
messages-sent = El mensaje está en camino.
messages-list = Mensajes
messages-edit-draft = Editar y enviar
messages-report = Entrega
messages-tally-total = Destinatarios
messages-tally-emailed = Enviados por correo
messages-tally-pending = Correo en espera
messages-tally-in-app = En su bandeja
messages-tally-read = Leídos
messages-tally-failed = No entregados
messages-retry = Reintentar los no entregados
messages-retrying = { $count ->
    [one] Se volverá a intentar 1 correo.
   *[other] Se volverán a intentar { $count } correos.
}
messages-recipients = Destinatarios y estado de su copia
messages-recipient = Destinatario
messages-address = Correo electrónico
messages-delivery = Entrega
messages-in-app-only = Solo bandeja
messages-refused = { $tries ->
    [one] Rechazado tras 1 intento: { $error }
   *[other] Rechazado tras { $tries } intentos: { $error }
}
messages-unreachable = Sin correo electrónico ni cuenta.
messages-task-delivery = Envía los mensajes programados a su hora y manda el correo a cada destinatario, reintentando una dirección rechazada antes de darla por fallida.

# Elegir personas una a una, y los archivos que se envían con un mensaje.

messages-picked-none = Aún no has elegido a nadie. Busca a las personas por su nombre aquí debajo.
messages-find-person = Buscar una persona
messages-find-hint = Escribe parte de un nombre, un correo o un teléfono: tutores, alumnos y personal que puedes ver.
messages-do-find = Buscar
messages-find-short = Escribe al menos dos letras.
messages-find-none = Nadie coincide con «{ $query }».
messages-add-person = Añadir a { $name }
messages-keep-person = Enviar a { $name } (desmárcalo para quitarlo)
messages-attachments = Archivos adjuntos
messages-attach-hint = Archivos que se envían con el mensaje, de hasta { $limit } cada uno: PDF, imágenes, documentos de oficina y texto.
messages-attach-remove = Quitar
messages-attach-again = Los archivos no se han guardado porque hay que corregir el mensaje. Vuelve a elegirlos.
messages-attached = { $count ->
    [one] 1 archivo adjunto
   *[other] { $count } archivos adjuntos
}
