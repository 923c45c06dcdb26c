# Le cadre de chaque page et le menu principal.

language-name = Français

layout-skip-to-content = Aller au contenu
layout-organization = Organisation
layout-search-landmark = Personnes
layout-search-label = Rechercher un élève, un membre du personnel ou un responsable
layout-search-placeholder = Rechercher une personne
layout-menu = Menu
layout-main-menu = Principal
layout-sign-out = Se déconnecter
layout-no-role = Aucun rôle

## Groupes du menu

nav-group-today = Aujourd'hui
nav-group-students-and-families = Élèves et familles
nav-group-attendance = Présences
nav-group-academics = Scolarité
nav-group-finance = Finances
nav-group-communication = Communication
nav-group-staff = Personnel
nav-group-administration = Administration
nav-group-account = Votre compte

## Pages du menu

nav-dashboard = Tableau de bord
nav-today = Aujourd'hui
nav-staff-attendance = Présence du personnel
nav-attendance-today = Présences du jour
nav-missing-rolls = Appels non faits
nav-chronic-absence = Absentéisme chronique
nav-users = Utilisateurs
nav-outbox = Boîte d'envoi
nav-roles = Rôles
nav-jobs = Tâches planifiées
nav-profile = Votre profil
nav-inbox = Boîte de réception
nav-walkthroughs = Visites de classe
nav-staff-attendance-records = Relevés de présence du personnel
nav-school-settings = Paramètres de l'établissement

## Les données de l'établissement, par table

entity-organizations = Organisations
entity-campuses = Sites
entity-students = Élèves
entity-guardians = Responsables légaux
entity-staff = Personnel
entity-academic_years = Années scolaires
entity-grades = Niveaux
entity-subjects = Matières
entity-classes = Classes
entity-class_enrollments = Inscriptions en classe
entity-class_subjects = Matières par classe
entity-timetables = Emplois du temps
entity-timetable_periods = Créneaux horaires
entity-assessments = Évaluations
entity-assessment_results = Résultats d'évaluation
entity-attendance_sessions = Séances d'appel
entity-attendance_records = Relevés de présence
entity-campus_attendance_config = Réglages des présences par site
entity-campus_attendance_summaries = Bilans de présence par site
entity-fee_plans = Barèmes de frais
entity-invoices = Factures
entity-payments = Paiements
entity-messages = Messages
entity-message_recipients = Destinataires des messages
entity-communication_events = Événements
entity-content_catalog = Catalogue de contenus
entity-documents = Documents
entity-frame_entries = Publications du cadre
entity-user_progress = Progression
entity-safety_quiz_results = Résultats du quiz de sécurité
entity-walkthrough_checkins = Visites de classe
entity-personality_quiz_results = Résultats du test de personnalité
entity-login_history = Historique des connexions
entity-audit_log = Journal d'audit
entity-scheduled_tasks = Tâches planifiées
entity-sync_logs = Journaux de synchronisation
