# The page shell and the main menu, on every page.

# The language's own name, in the language pickers.
language-name = English

layout-skip-to-content = Skip to content
layout-organization = Organization
layout-search-landmark = People
layout-search-label = Search students, staff and guardians
layout-search-placeholder = Search people
layout-menu = Menu
layout-main-menu = Main
layout-sign-out = Sign out
layout-no-role = No role

## The menu's groups

nav-group-today = Today
nav-group-students-and-families = Students & families
nav-group-attendance = Attendance
nav-group-academics = Academics
nav-group-finance = Finance
nav-group-communication = Communication
nav-group-staff = Staff
nav-group-administration = Administration
nav-group-account = Your account

## The menu's pages

nav-dashboard = Dashboard
nav-today = Today
nav-staff-attendance = Staff attendance
nav-attendance-today = Attendance today
nav-missing-rolls = Missing rolls
nav-chronic-absence = Chronic absence
nav-users = Users
nav-outbox = Outbox
nav-roles = Roles
nav-jobs = Jobs
nav-profile = Your profile
nav-inbox = Inbox
nav-walkthroughs = Walkthroughs
nav-staff-attendance-records = Staff attendance records
nav-school-settings = School settings

## The school's records, by table

entity-organizations = Organizations
entity-campuses = Campuses
entity-students = Students
entity-guardians = Guardians
entity-staff = Staff
entity-academic_years = Academic years
entity-grades = Grades
entity-subjects = Subjects
entity-classes = Classes
entity-class_enrollments = Class enrolments
entity-class_subjects = Class subjects
entity-timetables = Timetables
entity-timetable_periods = Timetable periods
entity-assessments = Assessments
entity-assessment_results = Assessment results
entity-attendance_sessions = Attendance sessions
entity-attendance_records = Attendance records
entity-campus_attendance_config = Campus attendance settings
entity-campus_attendance_summaries = Campus attendance summaries
entity-fee_plans = Fee plans
entity-invoices = Invoices
entity-payments = Payments
entity-messages = Messages
entity-message_recipients = Message recipients
entity-communication_events = Events
entity-content_catalog = Content catalog
entity-documents = Documents
entity-frame_entries = Frame posts
entity-user_progress = Progress
entity-safety_quiz_results = Safety quiz results
entity-walkthrough_checkins = Walkthrough check-ins
entity-personality_quiz_results = Personality quiz results
entity-login_history = Login history
entity-audit_log = Audit log
entity-scheduled_tasks = Scheduled tasks
entity-sync_logs = Sync logs
