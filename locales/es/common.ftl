# El marco de cada página y el menú principal.

language-name = Español

layout-skip-to-content = Saltar al contenido
layout-organization = Organización
layout-search-landmark = Personas
layout-search-label = Buscar alumnos, personal y familias
layout-search-placeholder = Buscar personas
layout-menu = Menú
layout-main-menu = Principal
layout-sign-out = Cerrar sesión
layout-no-role = Sin rol

## Grupos del menú

nav-group-today = Hoy
nav-group-students-and-families = Alumnos y familias
nav-group-attendance = Asistencia
nav-group-academics = Académico
nav-group-finance = Finanzas
nav-group-communication = Comunicación
nav-group-staff = Personal
nav-group-administration = Administración
nav-group-account = Tu cuenta

## Páginas del menú

nav-dashboard = Panel
nav-today = Hoy
nav-staff-attendance = Asistencia del personal
nav-attendance-today = Asistencia de hoy
nav-missing-rolls = Listas sin pasar
nav-chronic-absence = Absentismo crónico
nav-users = Usuarios
nav-outbox = Bandeja de salida
nav-roles = Roles
nav-jobs = Tareas
nav-profile = Tu perfil
nav-inbox = Bandeja de entrada
nav-walkthroughs = Visitas de aula
nav-staff-attendance-records = Registros de asistencia del personal
nav-school-settings = Ajustes del centro

## Los registros del centro, por tabla

entity-organizations = Organizaciones
entity-campuses = Sedes
entity-students = Alumnos
entity-guardians = Tutores
entity-staff = Personal
entity-academic_years = Cursos escolares
entity-grades = Niveles
entity-subjects = Asignaturas
entity-classes = Clases
entity-class_enrollments = Matrículas en clases
entity-class_subjects = Asignaturas por clase
entity-timetables = Horarios
entity-timetable_periods = Franjas horarias
entity-assessments = Evaluaciones
entity-assessment_results = Resultados de evaluaciones
entity-attendance_sessions = Sesiones de asistencia
entity-attendance_records = Registros de asistencia
entity-campus_attendance_config = Ajustes de asistencia por sede
entity-campus_attendance_summaries = Resúmenes de asistencia por sede
entity-fee_plans = Planes de cuotas
entity-invoices = Facturas
entity-payments = Pagos
entity-messages = Mensajes
entity-message_recipients = Destinatarios de mensajes
entity-communication_events = Eventos
entity-content_catalog = Catálogo de contenidos
entity-documents = Documentos
entity-frame_entries = Publicaciones del marco
entity-user_progress = Progreso
entity-safety_quiz_results = Resultados del cuestionario de seguridad
entity-walkthrough_checkins = Registros de visitas de aula
entity-personality_quiz_results = Resultados del test de personalidad
entity-login_history = Historial de accesos
entity-audit_log = Registro de auditoría
entity-scheduled_tasks = Tareas programadas
entity-sync_logs = Registros de sincronización
