# La bandeja de entrada: los avisos dirigidos a quien ha iniciado sesión.

messages-inbox-title = Bandeja de entrada
messages-inbox-intro = Los avisos que te envía el colegio: avisos de inasistencia, comentarios de las visitas de aula y comunicados.
messages-inbox-empty = Tu bandeja de entrada está vacía. Aquí aparecerán los avisos dirigidos a ti.
messages-new = Nuevo
messages-from = de { $sender }
messages-from-at = de { $sender } · { $when }
