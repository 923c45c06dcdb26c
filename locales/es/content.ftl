# El catálogo de contenidos de la instalación y los módulos de desarrollo del personal del centro.

content-modules-heading = Desarrollo del personal
content-modules-intro = Elige qué módulos de desarrollo del personal ve tu equipo. Un módulo desactivado desaparece del menú y de sus páginas; lo que el personal ya registró se conserva.
content-modules-save = Guardar módulos
content-modules-saved = Módulos de desarrollo del personal guardados.
content-module-frame = Marco semanal
content-module-frame-hint = El marco de la semana, que publica la dirección y lee el personal.
content-module-safety-quiz = Cuestionarios de seguridad
content-module-safety-quiz-hint = Un breve cuestionario de seguridad cada semana, con el seguimiento para la dirección.
content-module-personality-quiz = Test de personalidad
content-module-personality-quiz-hint = Cada miembro del personal conoce su tipo; la dirección solo ve la composición del equipo.
content-module-zones = Registro de zonas
content-module-zones-hint = El personal indica cómo se siente; la dirección solo ve totales por sede.
content-module-signs = Aprendizaje de signos
content-module-signs-hint = El personal aprende y practica los signos del vocabulario.

content-error-title = Ponle un título al cuestionario.
content-error-week = Elige una semana entre 1 y 53.
content-error-week-taken = Otro cuestionario ya tiene esta semana.
content-error-no-questions = Añade al menos una pregunta.
content-error-prompt = Escribe la pregunta.
content-error-few-options = Una pregunta necesita al menos dos opciones.
content-error-option-text = Escribe la opción o quítala.
content-error-no-correct = Marca la opción correcta.
content-error-many-correct = Marca solo una opción como correcta.
content-error-explanation = Explica la respuesta correcta; el personal la lee al terminar el cuestionario.
content-error-few-types = El test necesita al menos dos tipos.
content-error-type-name = Ponle un nombre al tipo.
content-error-type-description = Describe el tipo; el personal lo lee como su resultado.
content-error-option-type = Elige el tipo al que suma esta respuesta.
