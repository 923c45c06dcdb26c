# Los archivos de un registro: la lista, el formulario de subida y los motivos
# por los que se rechaza un archivo.

files-heading = Archivos
files-title = Archivos de { $record }
files-back-to = Volver a { $record }
files-none-attached = Todavía no hay ningún archivo adjunto.
files-upload-below = Puedes subir uno aquí abajo.
files-none-of-purpose = Todavía no hay { $purpose }.
files-none-on-record = Este registro no tiene archivos adjuntos.
files-remove = Quitar
files-remove-named = Quitar { $name }
files-removed = Se ha quitado { $name }.
files-saved = { $purpose } guardado: { $name }.
files-new-photo = Nueva foto
files-add-file = Añadir un archivo
files-hint-photo = Una imagen JPEG, PNG, WebP o GIF de hasta { $limit }.
files-hint-any = Una foto, un PDF, un archivo de texto o CSV, o un documento de ofimática, de hasta { $limit }.
files-upload = Subir
files-size-kb = { $size } KB
files-size-mb = { $size } MB

files-purpose-photo = Foto
files-purpose-attachment = Adjunto
files-purpose-proof = Justificante de pago
files-purpose-file = Documento

files-type-pdf = PDF
files-type-csv = CSV
files-type-text = Texto
files-type-image = Imagen
files-type-document = Documento
files-type-spreadsheet = Hoja de cálculo
files-type-slides = Presentación
files-type-file = Archivo

## Por qué se rechaza un archivo

files-error-empty = Elige un archivo para subir.
files-error-too-large = El archivo ocupa más de { $limit }, el máximo que admite una subida.
files-error-refused = Este archivo es { $what }. Homeroom admite fotos (JPEG, PNG, WebP, GIF), PDF, texto sin formato o CSV, y documentos de ofimática (Word, Excel, PowerPoint, OpenDocument).
files-error-not-an-image = La foto debe ser una imagen (JPEG, PNG, WebP o GIF).
files-error-unreadable = No se ha podido leer el archivo subido: { $why }
files-error-misleading-name = El nombre del archivo tiene caracteres que cambian la dirección del texto, así que podría no leerse como lo que es. Cambia el nombre del archivo y vuelve a subirlo.
files-error-storage-full = El archivo no se ha guardado: no queda espacio suficiente en el servidor. No se ha perdido nada más; pide a un administrador que libere espacio y vuelve a intentarlo.
files-error-storage-unwritable = El archivo no se ha guardado: ahora mismo el servidor no puede guardar archivos. No se ha perdido nada más; vuelve a intentarlo más tarde y avisa a un administrador si sigue pasando.
files-error-no-kind = Los archivos pertenecen a alumnos, personal, facturas, pagos, evaluaciones o documentos; esta dirección no indica ninguno de ellos.
files-error-no-record = Esta dirección no indica ningún registro.
files-error-wrong-purpose = En { $records } solo se puede adjuntar un archivo como { $purpose }.

files-kind-web-page = una página web
files-kind-script = un script
files-kind-program = un programa
files-kind-archive = un archivo comprimido
files-kind-image = un tipo de imagen que no mostramos
files-kind-video = un vídeo
files-kind-audio = una grabación de sonido
files-kind-other = un tipo de archivo que no admitimos
files-kind-unknown = un tipo de archivo que no reconocemos
