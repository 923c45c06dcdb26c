# The jobs page: scheduled tasks, their runs and imports.

jobs-title = Jobs
jobs-intro = Work Homeroom does on a schedule, and the record of every run that did something and every import. Scheduled runs that found nothing to do are counted beside their task.
jobs-tasks-title = Scheduled tasks
jobs-tasks-none = This organization has no tasks of its own; install-wide tasks are managed by the install's administrators.
jobs-task = Task
jobs-schedule = Schedule
jobs-last-run = Last run
jobs-next-run = Next run
jobs-state = State
jobs-actions = Actions
jobs-never = never
jobs-state-disabled = disabled
jobs-state-failed = failed
jobs-state-running = running
jobs-state-enabled = enabled
jobs-state-success = success
jobs-run-now = Run now
jobs-disable = Disable
jobs-enable = Enable
jobs-logs-title = Recent runs and imports
jobs-logs-none = Nothing has run yet. Runs appear here as tasks run on their schedule and do something, when you press Run now, and when someone imports a CSV file.
jobs-what = What
jobs-started = Started
jobs-took = Took
jobs-result = Result
jobs-processed = Processed
jobs-created = Created
jobs-updated = Updated
jobs-took-ms = { $ms } ms
jobs-when = { $day } { $time }
jobs-every-minutes = every { $count } min
jobs-every-hours = every { $count } h
jobs-daily = daily
jobs-every-days = every { $count } days
jobs-quiet-runs = { $count ->
    [one] { $runs } run found nothing to do, at { $last }
   *[other] { $runs } runs found nothing to do since { $since }, the last at { $last }
}
jobs-enabled = { $task } is enabled and runs on its schedule again.
jobs-disabled = { $task } is disabled: it runs only when you press Run now.
jobs-ran = { $task } ran: { $processed } processed, { $created } created, { $updated } updated.
jobs-failed = { $task } failed: { $error }
jobs-busy-on = { $task } is running right now on { $holder }; try again when it has finished.
jobs-busy = { $task } is running right now; try again when it has finished.
jobs-task-session-cleanup = Removes sign-in sessions that expired or were revoked over 30 days ago.
jobs-task-overdue-invoices = Marks issued invoices overdue once their due date has passed with a balance left.
jobs-task-absence-alerts = Tells guardians the same day when a roll marks their child absent and the mark still stands after the grace period.
jobs-task-interrupted-imports = Marks imports whose server stopped while they ran as interrupted, so they can be run again.
jobs-task-upload-cleanup = Removes import uploads a day after their preview when nobody imported them, those of failed imports, and student data exports a day after they were made.
