# Formularios que nunca pierden ni duplican el trabajo, y los componentes
# comunes de los formularios.

forms-restored = Hemos recuperado lo que escribiste; revísalo y guarda.
forms-restore-gone = No se ha podido recuperar lo que escribiste: se conserva una hora y solo para quien lo escribió. El formulario se abre vacío.
forms-already-saved = Ya estaba guardado: este formulario se había enviado antes, así que no se ha añadido nada nuevo. Esto es lo que se guardó.
forms-being-saved = Este formulario ya se está guardando. Búscalo en la lista antes de volver a enviarlo.

## Los enlaces de una lista por páginas

forms-pager-label = Páginas
forms-pager-previous = Anterior
forms-pager-next = Siguiente

## Campos de formulario comunes

forms-choose-role = Elige un rol
