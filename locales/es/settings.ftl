# Configuración del centro y, para quien tiene acceso a todas las organizaciones,
# la elección de organización (/organization, /organization/settings).

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
