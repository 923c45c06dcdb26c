# Buscar personas: la página y la lista desplegable bajo el buscador de la cabecera.

search-title = Buscar
search-title-for = Buscar: { $query }
search-heading = Buscar personas
search-intro = Alumnos, personal y tutores por nombre, número de alumno o de empleado, o correo.
search-label = Nombre, número o correo
search-submit = Buscar
search-not-allowed = Tu cuenta no puede consultar alumnos, personal ni tutores.
search-too-short = Escribe al menos 2 letras o cifras, o un carácter chino, japonés o coreano.
search-none = Nadie coincide con «{ $query }».
search-photo = Foto
search-more = Hay más { $people } que coinciden.
search-first-only = Solo se muestran los primeros { $count }; añade una palabra para acotar la búsqueda.
search-all = Todos los resultados de «{ $query }»
