# Las páginas del motor de registros: la lista de cada registro del centro, su
# ficha, el formulario, la eliminación y la papelera, el historial, la importación
# y la exportación.

engine-records = Registros
engine-records-none = Tu rol no te permite consultar ningún registro. Pídeselo a un administrador si lo necesitas.
engine-group-people = Personas
engine-group-academics = Académico
engine-group-attendance = Asistencia
engine-group-finance = Finanzas
engine-group-communication = Comunicación
engine-group-modules = Módulos del producto
engine-group-system = Sistema

## La lista

engine-import-csv = Importar CSV
engine-trash = Papelera
engine-search = Buscar
engine-filter = Filtrar
engine-filter-any = Cualquiera
engine-filter-from = { $field }: desde
engine-filter-to = { $field }: hasta
engine-find-by-name = Buscar por nombre: { $field }
engine-type-to-find = Escribe para buscar…
engine-column-name = Nombre
engine-no-name = (sin nombre)
engine-yes = Sí
engine-no = No
engine-list-none-match = Ningún resultado en { $records }. Prueba con menos palabras.
engine-list-clear-filters = Quitar los filtros
engine-list-empty = Todavía no hay registros en { $records }.
engine-list-import-first = Importar un archivo CSV
engine-list-recorded = Homeroom los irá mostrando aquí a medida que los registre.
engine-list-ask = Pídeselo a alguien que pueda añadirlos.
engine-export-csv = Exportar CSV

## La ficha de un registro

engine-in-trash = En la papelera
engine-edit = Editar
engine-delete = Eliminar
engine-restore = Restaurar
engine-details = Datos
engine-recorded = Registrado
engine-added = Creado
engine-last-changed = Último cambio
engine-when-by = { $at }, por { $who }
engine-open-in-walkthroughs = Abrir en observaciones de aula
engine-open-in-jobs = Activar, desactivar o ejecutar tareas en la página Tareas
engine-related = Registros relacionados
engine-tab-empty = Todavía no hay registros en { $records }.
engine-tab-add = Añadir
engine-tab-all = Ver los { $count } registros de { $records }
engine-tab-open-list = Abrir como lista
engine-history = Historial
engine-history-none = Todavía no hay cambios registrados.
engine-history-created = Creado
engine-history-changed = Modificado
engine-history-deleted = Eliminado
engine-history-restored = Restaurado
engine-history-system = El sistema

## El formulario

engine-edit-title = Editar «{ $title }»
engine-back = Volver
engine-optional = (opcional)
engine-choose = Elige…
engine-none = Ninguno
engine-picker-hint = Elige de la lista, o escribe un nombre y guarda.
engine-save = Guardar
engine-cancel = Cancelar
engine-form-invalid = Revisa los campos marcados. Todavía no se ha guardado nada.
engine-someone = Otra persona
engine-form-stale = { $who } ha modificado «{ $title }» mientras lo editabas. Compara las dos versiones abajo; si vuelves a guardar, se queda la tuya.
engine-conflict-heading = Las dos versiones
engine-conflict-field = Campo
engine-conflict-saved = Guardado ahora
engine-conflict-yours = La tuya
engine-conflict-hint = Tu versión sigue en el formulario: guárdala para conservarla.
engine-conflict-leave = Descartarla y quedarse con la versión guardada
engine-saved-record = Cambios guardados en «{ $title }».
engine-added-record = Registro añadido a { $records }.
engine-relation-none = No hay ningún registro «{ $given }» en { $records }. Elige una opción de la lista.
engine-relation-many = Hay más de un registro llamado «{ $given }» en { $records }. Elige una opción de la lista.
engine-form-unreadable = No se ha podido leer el formulario.

## Eliminar, papelera y restaurar

engine-delete-title = Eliminar «{ $title }»
engine-delete-question = ¿Eliminar «{ $title }»?
engine-delete-back = Volver a «{ $title }»
engine-delete-explain = Pasará a la papelera, desde donde podrás restaurarlo.
engine-delete-keep = Conservar
engine-deleted = «{ $title }» se ha eliminado. Está en la papelera, desde donde puedes restaurarlo.
engine-restored = «{ $title }» se ha restaurado.
engine-trash-title = Papelera: { $records }
engine-trash-empty = La papelera está vacía. Los registros eliminados de { $records } esperan aquí hasta que alguien los restaure.
engine-column-deleted = Eliminado

## Importar

engine-import-title = Importar { $records }
engine-importing-title = Importando { $records }
engine-import-intro = Sube un archivo CSV con una fila de encabezados. Las columnas se asignan a los campos por su nombre; si exportas esta lista verás el formato. Las filas que coinciden con un registro existente lo actualizan, así que importar el mismo archivo otra vez no añade nada.
engine-import-needed-columns = Columnas obligatorias: { $columns }.
engine-import-file = Archivo CSV
engine-import-preview = Vista previa
engine-import-columns = Columnas
engine-import-columns-of = Columnas de { $file }
engine-import-not-imported = no se importa
engine-import-first-rows = Primeras filas
engine-import-summary = { $total ->
    [one] { $total } fila
   *[other] { $total } filas
}, { $bad } con problemas
engine-import-line = Línea { $line }
engine-import-field-error = { $field }: { $message }
engine-import-good-only = Importar { $good ->
    [one] la única fila correcta
   *[other] las { $good } filas correctas
} y dejar fuera las demás
engine-import = Importar
engine-import-another-file = Elegir otro archivo
engine-import-choose-file = Elige un archivo CSV para importar.
engine-import-not-utf8 = El archivo no es texto UTF-8. Guárdalo como «CSV UTF-8» y vuelve a intentarlo.
engine-import-open-quote = El archivo termina dentro de una celda entre comillas: falta la comilla de cierre.
engine-import-empty-file = El archivo está vacío. Exporta una lista para ver las columnas que necesita.
engine-import-no-column = El archivo no tiene columna para { $field } ({ $column }).
engine-import-no-key-column = El archivo no tiene columna para { $field }, que es lo que distingue unas filas de otras.
engine-import-key-needed = Hace falta { $field } para reconocer esta fila en una importación posterior.
engine-import-same-as-line = La línea { $line } es el mismo registro.
engine-import-file-has-problems = No se ha importado nada: el propio archivo tiene problemas.
engine-import-rows-have-problems = No se ha importado nada: { $bad ->
    [one] { $bad } de { $total } filas tiene problemas
   *[other] { $bad } de { $total } filas tienen problemas
}. Corrígelas y vuelve a subir el archivo, o elige importar solo las filas correctas.
engine-import-gone = Ese archivo ya no está aquí. Vuelve a elegirlo.
engine-import-so-far = Importadas { $done } de { $total ->
    [one] { $total } fila
   *[other] { $total } filas
}…
engine-import-progress = { $done } de { $total }
engine-import-refresh = Actualizar
engine-import-stopped = La importación se detuvo y no se guardó nada: { $reason }
engine-import-run-again = Volver a ejecutar
engine-import-try-again = Volver a intentarlo
engine-import-finished = Importación terminada: { $read ->
    [one] { $read } fila leída
   *[other] { $read } filas leídas
}, { $added ->
    [one] { $added } añadida
   *[other] { $added } añadidas
}, { $updated ->
    [one] { $updated } actualizada
   *[other] { $updated } actualizadas
}.
engine-import-open-list = Abrir la lista

## Lo que impide eliminar un registro, y lo que se elimina con él

engine-delete-blocked = «{ $title }» todavía tiene registros vinculados: { $what }. Muévelos a otro sitio o elimínalos primero.
engine-delete-cascades = También se eliminarán sus registros vinculados: { $what } (y volverán si lo restauras).
engine-delete-count = { $records } ({ $count })
engine-list-and = { $first } y { $last }
engine-list-comma = {", "}

## Por qué un registro se queda en la papelera

engine-restore-parent-first = Primero restaura el registro de { $records } al que pertenece: está en la papelera.
engine-restore-refused-because = No se ha podido restaurar: { $message }
engine-restore-refused = No se ha podido restaurar.

# Una escritura que la base de datos rechazó, mostrada en el formulario.
engine-refused-unique = Ya existe otro registro con este valor de «{ $field }».
engine-refused-same = Ya existe un registro igual a este.
engine-refused-range = «{ $field }» está fuera del rango permitido.
engine-refused-check = Algunos valores no encajan entre sí. Revisa el formulario.
# Why an import's run stopped at a row: $field is the field's label, $problem what is wrong.
engine-import-line-problem = Línea { $line }, { $field }: { $problem }
# Why an import's run stopped when its server stopped while it ran.
engine-import-interrupted = { $rows ->
    [one] se interrumpió tras { $rows } fila, cuando se detuvo el servidor que la ejecutaba.
   *[other] se interrumpió tras { $rows } filas, cuando se detuvo el servidor que la ejecutaba.
}
