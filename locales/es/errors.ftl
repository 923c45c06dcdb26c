# La página de error y cada rechazo: qué salió mal y qué hacer a continuación.

error-go-home = Ir al panel
error-not-found-title = Página no encontrada
error-not-found = No encontramos esa página. Puede que se haya movido o que el registro se haya eliminado.
error-forbidden-title = Acceso no permitido
error-forbidden = Tu cuenta no tiene permiso para esta página. Si lo necesitas, pídeselo a un administrador.
error-csrf-title = Este formulario ha caducado
error-csrf = Por tu seguridad no se pudo aceptar el formulario. Vuelve atrás, recarga la página e inténtalo de nuevo.
error-bad-request-title = Algo no está bien
error-unavailable-title = No disponible por el momento
error-unavailable = Homeroom no puede conectar con su base de datos en este momento. No se ha perdido nada; vuelve a intentarlo en unos segundos.
error-storage-full-title = Almacenamiento lleno
error-storage-unavailable-title = Ahora no se pueden guardar archivos
error-internal-title = Algo salió mal
error-internal = Un error inesperado detuvo esta página. Ha quedado registrado; vuelve a intentarlo.
error-uri-too-long-title = Dirección demasiado larga
error-uri-too-long = Esta dirección es demasiado larga para que Homeroom la abra. Vuelve atrás y busca o filtra con menos palabras.
error-headers-too-large-title = Solicitud demasiado grande
error-headers-too-large = Tu navegador envió más de lo que Homeroom acepta, normalmente demasiadas cookies de este sitio. Borra las cookies de este sitio y vuelve a iniciar sesión.
error-too-many-attempts-title = Demasiados intentos
error-too-many-attempts = { $minutes ->
    [one] Ha habido demasiados intentos de inicio de sesión desde tu red. Espera { $minutes } minuto y vuelve a intentarlo.
   *[other] Ha habido demasiados intentos de inicio de sesión desde tu red. Espera { $minutes } minutos y vuelve a intentarlo.
}
error-form-controls = Un campo de este formulario contiene caracteres que no se pueden guardar (caracteres de control como NUL). No se ha guardado nada: vuelve atrás, quítalos y envía el formulario de nuevo.
error-form-unreadable = No se pudo leer el formulario ({ $cause }). Vuelve atrás, revisa lo que escribiste y envíalo de nuevo.
error-query-unreadable = Esta dirección tiene un parámetro que no podemos leer ({ $cause }).
error-field-line-breaks = «{ $label }» no puede contener saltos de línea ni tabulaciones.
error-field-controls = «{ $label }» contiene caracteres que no se pueden guardar.
error-field-direction = «{ $label }» no puede contener caracteres que cambian la dirección del texto.
error-session-ended-form-kept = Tu sesión ha terminado: vuelve a iniciar sesión y tu formulario volverá tal como lo dejaste.
