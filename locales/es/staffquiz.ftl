# Cuestionarios de seguridad y test de personalidad.

quiz-nav = Cuestionario de seguridad
quiz-title = Cuestionario de seguridad de esta semana
quiz-none = Todavía no hay cuestionario de seguridad esta semana.
quiz-completion-link = Participación por sede
quiz-week-of = Semana del { $date } · { $count ->
    [one] una pregunta
   *[other] { $count } preguntas
}
quiz-your-best = Tu mejor resultado esta semana: { $score } de { $total } ({ $attempts ->
    [one] un intento
   *[other] { $attempts } intentos
}). Puedes repetirlo.
quiz-missing = { $count ->
    [one] Responde la pregunta { $numbers } para terminar.
   *[other] Responde las preguntas { $numbers } para terminar.
}
quiz-question-of = Pregunta { $number } de { $count }
quiz-submit = Ver mi puntuación
quiz-all-answered = Todas las preguntas tienen respuesta: envía el cuestionario.
quiz-result-title = Tu resultado
quiz-score = Has acertado { $score } de { $total }.
quiz-you-were-right = Correcto: { $answer }
quiz-you-answered = Respondiste: { $answer }
quiz-right-answer = La respuesta correcta: { $answer }
quiz-retake = Repetir
quiz-completion-title = Participación en el cuestionario de seguridad
quiz-completion-week = Semana del { $date }
quiz-week-label = Semana
quiz-show = Mostrar
quiz-completion-count = { $taken } de { $staff } personas del personal lo han hecho.
quiz-everyone-took-it = Todo el personal de esta sede lo ha hecho.
quiz-not-taken = Aún no lo han hecho
quiz-send-reminder = { $count ->
    [one] Enviar un recordatorio a una persona
   *[other] Enviar un recordatorio a { $count } personas
}
quiz-reminded = { $count ->
    [0] Todos lo habían hecho ya: no se envió ningún recordatorio.
    [one] Se envió un recordatorio a una persona.
   *[other] Se envió un recordatorio a { $count } personas.
}
quiz-reminder-subject = El cuestionario de seguridad de esta semana te espera
quiz-reminder-body = El cuestionario de seguridad de la semana del { $week } se hace en pocos minutos desde el móvil. Hazlo aquí: { $link }
quiz-trend-title = Las últimas semanas
quiz-trend-completion = Participación
quiz-trend-mean = Mejor puntuación media
quiz-team-mix-link = Perfiles de personalidad del equipo
quiz-no-campus = Sin sede
quiz-personality-nav = Test de personalidad
quiz-personality-title = Test de personalidad
quiz-personality-intro = No hay respuestas correctas ni incorrectas: elige lo que más se parezca a ti.
quiz-personality-none = El test de personalidad aún no está listo.
quiz-personality-missing = Responde todas las preguntas para ver tu perfil.
quiz-personality-submit = Ver mi perfil
quiz-personality-you-are = Tu perfil
quiz-team-title = Perfiles de personalidad del equipo
quiz-team-intro = Cuántas personas de cada sede tienen cada perfil. No se muestran las respuestas ni el perfil de nadie.
quiz-campus = Sede
quiz-team-total = Total
