# Los enlaces secretos de los calendarios de cada usuario (el recuadro de suscripción).
feed-subscribe-title = Suscribirse desde su aplicación de calendario
feed-subscribe-hint = Agregue este enlace a Google Calendar, Outlook o Calendario de Apple como suscripción («Desde URL»); se mantiene actualizado solo.
feed-link-label = Su enlace privado
feed-private-hint = Cualquier persona que tenga este enlace puede ver estos eventos sin iniciar sesión. No lo comparta.
feed-reset = Restablecer enlace
feed-reset-warning = El enlace actual dejará de funcionar de inmediato, y cualquier aplicación de calendario suscrita a él necesitará el nuevo.
feed-reset-confirm = Restablecer el enlace ahora
feed-reset-done = Se restableció su enlace del calendario. El enlace anterior ya no funciona.
