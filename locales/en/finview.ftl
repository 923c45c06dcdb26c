## A billing run that stopped halfway
fview-run-interrupted = This run was interrupted: the process writing it stopped after { $done } of { $total } invoices. Run it again to write the rest; no student is invoiced twice.
fview-run-interrupted-log = Interrupted: the process writing the run stopped.
fview-run-again = Run again

## Discount rules
fview-nav-discounts = Discount rules
fview-discounts-title = Discount rules
fview-discounts-intro = Invoicing takes these discounts off a fee plan's fee, each as a line of the invoice with its reason. An inactive rule is kept but no longer applied.
fview-discounts-list = The school's discount rules
fview-discounts-none = No discount rule yet.
fview-rule-new = New discount rule
fview-rule-name = Name
fview-rule-name-example = Sibling discount, staff child, scholarship…
fview-rule-kind = Kind
fview-kind-percentage = A percentage of the fee
fview-kind-fixed = A fixed amount
fview-rule-amount = Amount
fview-rule-amount-hint = A percentage from 0 to 100, or an amount in { $currency }.
fview-rule-applies = Given to
fview-applies-siblings = The second and later children of a family
fview-applies-listed = The students listed (a staff child, a scholarship)
fview-applies-siblings-hint = Children of a family are counted from the eldest, by date of birth (without one, the student on file first): the eldest pays in full, each younger brother or sister gets the discount.
fview-rule-students = Student numbers
fview-rule-students-hint = For the students listed: their student numbers, separated by commas or one per line.
fview-rule-plan = Fee plan
fview-rule-every-plan = Every fee plan
fview-rule-state = State
fview-rule-active = Active
fview-rule-inactive = Inactive
fview-rule-activate = Make active
fview-rule-deactivate = Make inactive
fview-rule-add = Add the rule
fview-rule-students-count = { $count ->
    [one] (one student)
   *[other] ({ $count } students)
}
fview-rule-name-needed = Enter a name of at most 200 characters.
fview-rule-kind-needed = Choose a percentage or a fixed amount.
fview-rule-applies-needed = Choose who the discount is given to.
fview-rule-amount-number = Enter an amount such as 10 or 12.50.
fview-rule-amount-positive = The discount must be more than zero.
fview-rule-percentage-at-most = A percentage cannot be more than 100.
fview-rule-students-needed = List at least one student number.
fview-rule-students-unknown = No student of the school has these numbers: { $numbers }.
fview-rule-plan-unknown = Choose a fee plan from the list.

## Finance settings
fview-nav-settings = Finance settings
fview-settings-title = Finance settings
fview-settings-intro = How invoicing charges a student who joins during a billing period, and how often the guardians of an overdue invoice are reminded.
fview-settings-proration = A student who joins during a billing period pays
fview-proration-full = The whole period's fee
fview-proration-remaining = The months left, counting the month they join in
fview-proration-none = Nothing for that period; the next one in full
fview-settings-reminder = Remind about an overdue invoice every (days)
fview-settings-reminder-hint = At most one reminder per invoice in this many days, from 1 to 365.
fview-settings-currency = Currency:
fview-settings-currency-hint = The currency is set with the school's other settings.
fview-settings-save = Save the finance settings
fview-settings-saved = The finance settings are saved.
fview-settings-proration-needed = Choose how a student who joins during a period pays.
fview-settings-days-range = Enter a whole number of days from 1 to 365.

## The finance overview
fview-nav-overview = Finance overview
fview-overview-title = Finance overview
fview-overview-intro = What was billed and collected in each of the last twelve months, and what is still owed.
fview-billed-12 = Billed in twelve months
fview-collected-12 = Collected in twelve months
fview-collection-rate = Collection rate
fview-no-rate = Nothing billed
fview-months-heading = Billed and collected by month
fview-billed = Billed
fview-collected = Collected
fview-chart-title = Bar chart of the amounts billed and collected in each of the last twelve months; the table below gives the same numbers.
fview-months-caption = Billed and collected in each of the last twelve months
fview-month = Month
fview-total = Total
fview-owed-heading = Still owed, by grade
fview-owed-none = Nothing is owed.
fview-grade = Grade
fview-owed = Owed
fview-no-grade = No grade
fview-owed-aging = See how long it has been owed

## Budgets
fview-nav-budgets = Budgets
fview-budgets-title = Budgets
fview-budgets-intro = What the school expects each fee plan to bring in over an academic year. Homeroom records what the school bills and collects, not what it spends, so budgets are for income, by fee plan.
fview-budgets-year = Academic year
fview-budgets-show = Show
fview-budgets-heading = Budgets for { $year }
fview-budget-plan = Fee plan
fview-budget-amount = Budget ({ $currency })
fview-budgets-hint = Leave a cell empty for no budget. Amounts are in the school's currency, with at most two decimals.
fview-budgets-save = Save the budgets
fview-budgets-saved = The budgets are saved.
fview-budgets-refused = Nothing was saved: correct the amounts marked below.
fview-budget-negative = A budget cannot be less than zero.
fview-budgets-no-plans = This year has no fee plans yet.
fview-budgets-plans-link = Add fee plans
fview-budgets-no-year = Add an academic year before setting budgets.
fview-budgets-against = Budgets for { $year } against what was billed and collected
fview-budgets-income-only = Income only: Homeroom does not record the school's spending.
fview-budget = Budget
fview-budget-none = No budget
fview-budget-reached = Collected of budget
fview-budgets-none-set = No budget is set for this year yet.
fview-budgets-edit = Set the budgets

## Fees offered on a mid-year enrolment
fview-offer-heading = Fees for { $name }
fview-offer-intro = Other students are already billed for these periods. Create the invoices now, pro-rated by the school's rule and with its discounts, or leave them for later.
fview-offer-prorated = (pro-rated: { $months } of { $of } months)
fview-offer-period = For { $from } to { $to }
fview-offer-due = Due on { $date }.
fview-offer-create = Create invoices
fview-offer-later = Not now
fview-offer-created = { $count ->
    [one] One invoice was created.
   *[other] { $count } invoices were created.
}
fview-offer-nothing = No invoice was created: these fees are already billed.
