# Privacidad: la exportación de todo lo que se guarda sobre un alumno (solicitud de acceso).

records-entity-student_exports = Exportaciones de datos de alumnos
priv-export-start = Descargar todo lo guardado
priv-export-title = Todo lo guardado sobre { $student }
priv-export-intro = Un archivo ZIP con cada registro que la escuela guarda y que nombra a este alumno: un resumen imprimible, las filas de cada tabla en JSON y los archivos del alumno. Se guarda 24 horas y luego se elimina.
priv-export-starting = Iniciando la exportación…
priv-export-so-far = Reuniendo los registros: paso { $done } de { $total }
priv-export-refresh = Actualizar
priv-export-ready = El archivo está listo ({ $size }).
priv-export-download = Descargar el archivo ZIP
priv-export-expires = Se puede descargar hasta el { $when }; después se elimina.
priv-export-expired = Este archivo se eliminó el { $when }. Inicie una nueva exportación para descargar los registros otra vez.
priv-export-gone = Este archivo ya no se guarda. Inicie una nueva exportación para descargar los registros otra vez.
priv-export-failed = La exportación no terminó y no se guardó nada. Iníciela de nuevo; si vuelve a fallar, avise a un administrador.
priv-export-again = Iniciar una nueva exportación
priv-export-yes = Sí
priv-export-no = No
priv-export-table-invoice-lines = Líneas de factura
priv-export-table-discounts = Descuentos concedidos al alumno
priv-export-table-report-comments = Comentarios del boletín
priv-export-table-report-cards = Boletines emitidos
priv-export-table-rollover = Decisiones del cambio de año
priv-export-summary-title = Todo lo guardado sobre { $student }
priv-export-summary-made = Hecho el { $when }
priv-export-summary-intro = Este archivo contiene cada registro que la escuela guarda y que nombra a este alumno. Cada sección lista las filas de una tabla; la carpeta data tiene las mismas filas en archivos JSON y la carpeta files, los archivos del alumno.
priv-export-summary-contents = Contenido
priv-export-summary-files = Los archivos mismos (carpeta files)
priv-export-summary-no-files = No hay archivos guardados para este alumno.
priv-export-summary-missing = Estos archivos constan, pero su contenido no se pudo leer del almacenamiento del servidor:
priv-export-summary-rows = { $count ->
    [one] Una fila
   *[other] { $count } filas
}
