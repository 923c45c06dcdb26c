# Avisos de inasistencia del mismo día a los tutores de un alumno (correo y bandeja
# de entrada), en el idioma del tutor o, si no se conoce, en el del colegio.

alert-absent-subject = Inasistencia de { $student } el { $date }
alert-absent-body = { $student } figura como ausente el { $date }. Si conoce el motivo, por favor avise a { $school }.
alert-absent-at-school = Si { $student } está en el colegio, se corregirá la asistencia y no recibirá más mensajes sobre esta ausencia.
alert-recipient = { $name } ({ $relationship })
