# Familias: un padre, madre o tutor registrado una sola vez para todos sus hijos, el
# hogar que los agrupa, los hermanos en la ficha del alumno y el alumno registrado dos veces.

fam-nav-people = Padres y tutores
fam-nav-families = Familias

fam-field-person = Padre, madre o tutor ya registrado
fam-field-lives-with = Vive con el alumno
fam-field-emergency-contact = Contacto de emergencia
fam-field-receives-invoices = Recibe las facturas
fam-field-receives-messages = Recibe mensajes y avisos
fam-field-pickup-allowed = Puede recoger al alumno
fam-field-family = Familia
fam-field-family-name = Nombre de la familia
fam-field-notes = Notas
fam-person-or-name = Elija un padre, madre o tutor ya registrado, o escriba su nombre.

fam-siblings-heading = Hermanos
fam-siblings-none = No tiene hermanos en el centro.
fam-children-heading = Hijos
fam-children-none = Todavía no tiene hijos en el centro.
fam-kin-detail = { $number } · { $status }

fam-duplicate-student = Ya hay un alumno registrado con el nombre { $name } y la fecha de nacimiento { $born }.
fam-duplicate-open = Abrir la ficha de { $name }
fam-duplicate-confirm = Es otro alumno: añadirlo de todos modos
