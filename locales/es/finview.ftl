## A billing run that stopped halfway
fview-run-interrupted = La facturación se interrumpió: el proceso que la escribía se detuvo después de { $done } de { $total } facturas. Vuelva a ejecutarla para escribir el resto; ningún alumno se factura dos veces.
fview-run-interrupted-log = Interrumpida: el proceso que escribía la facturación se detuvo.
fview-run-again = Volver a ejecutar

## Discount rules
fview-nav-discounts = Reglas de descuento
fview-discounts-title = Reglas de descuento
fview-discounts-intro = Al facturar, estos descuentos se restan de la cuota de un plan, cada uno como una línea de la factura con su motivo. Una regla inactiva se conserva, pero ya no se aplica.
fview-discounts-list = Reglas de descuento del centro
fview-discounts-none = Todavía no hay ninguna regla de descuento.
fview-rule-new = Nueva regla de descuento
fview-rule-name = Nombre
fview-rule-name-example = Descuento por hermanos, hijo de personal, beca…
fview-rule-kind = Tipo
fview-kind-percentage = Un porcentaje de la cuota
fview-kind-fixed = Un importe fijo
fview-rule-amount = Importe
fview-rule-amount-hint = Un porcentaje de 0 a 100, o un importe en { $currency }.
fview-rule-applies = Se concede a
fview-applies-siblings = El segundo hijo y siguientes de una familia
fview-applies-listed = Los alumnos indicados (hijo de personal, beca)
fview-applies-siblings-hint = Los hijos de una familia se cuentan desde el mayor, por fecha de nacimiento (sin ella, el alumno registrado primero): el mayor paga la cuota completa y cada hermano menor recibe el descuento.
fview-rule-students = Números de alumno
fview-rule-students-hint = Para los alumnos indicados: sus números de alumno, separados por comas o uno por línea.
fview-rule-plan = Plan de cuotas
fview-rule-every-plan = Todos los planes de cuotas
fview-rule-state = Estado
fview-rule-active = Activa
fview-rule-inactive = Inactiva
fview-rule-activate = Activar
fview-rule-deactivate = Desactivar
fview-rule-add = Añadir la regla
fview-rule-students-count = { $count ->
    [one] (un alumno)
   *[other] ({ $count } alumnos)
}
fview-rule-name-needed = Escriba un nombre de 200 caracteres como máximo.
fview-rule-kind-needed = Elija un porcentaje o un importe fijo.
fview-rule-applies-needed = Elija a quién se concede el descuento.
fview-rule-amount-number = Escriba un importe como 10 o 12,50.
fview-rule-amount-positive = El descuento debe ser mayor que cero.
fview-rule-percentage-at-most = Un porcentaje no puede ser mayor que 100.
fview-rule-students-needed = Indique al menos un número de alumno.
fview-rule-students-unknown = Ningún alumno del centro tiene estos números: { $numbers }.
fview-rule-plan-unknown = Elija un plan de cuotas de la lista.

## Finance settings
fview-nav-settings = Ajustes de finanzas
fview-settings-title = Ajustes de finanzas
fview-settings-intro = Cómo se factura a un alumno que se incorpora durante un periodo de facturación y cada cuánto se recuerda a los tutores una factura vencida.
fview-settings-proration = Un alumno que se incorpora durante un periodo de facturación paga
fview-proration-full = La cuota completa del periodo
fview-proration-remaining = Los meses que quedan, contando el mes en que se incorpora
fview-proration-none = Nada por ese periodo; el siguiente completo
fview-settings-reminder = Recordar una factura vencida cada (días)
fview-settings-reminder-hint = Como máximo un recordatorio por factura en ese número de días, de 1 a 365.
fview-settings-currency = Moneda:
fview-settings-currency-hint = La moneda se configura con los demás ajustes del centro.
fview-settings-save = Guardar los ajustes de finanzas
fview-settings-saved = Los ajustes de finanzas se han guardado.
fview-settings-proration-needed = Elija cómo paga un alumno que se incorpora durante un periodo.
fview-settings-days-range = Escriba un número entero de días de 1 a 365.

## The finance overview
fview-nav-overview = Resumen de finanzas
fview-overview-title = Resumen de finanzas
fview-overview-intro = Lo facturado y lo cobrado en cada uno de los últimos doce meses, y lo que aún se debe.
fview-billed-12 = Facturado en doce meses
fview-collected-12 = Cobrado en doce meses
fview-collection-rate = Tasa de cobro
fview-no-rate = Nada facturado
fview-months-heading = Facturado y cobrado por mes
fview-billed = Facturado
fview-collected = Cobrado
fview-chart-title = Gráfico de barras de los importes facturados y cobrados en cada uno de los últimos doce meses; la tabla de abajo da las mismas cifras.
fview-months-caption = Facturado y cobrado en cada uno de los últimos doce meses
fview-month = Mes
fview-total = Total
fview-owed-heading = Pendiente de cobro, por curso
fview-owed-none = No se debe nada.
fview-grade = Curso
fview-owed = Pendiente
fview-no-grade = Sin curso
fview-owed-aging = Ver desde cuándo se debe

## Budgets
fview-nav-budgets = Presupuestos
fview-budgets-title = Presupuestos
fview-budgets-intro = Lo que el colegio espera que cada plan de cuotas recaude en un año académico. Homeroom registra lo que el colegio factura y cobra, no lo que gasta, así que los presupuestos son de ingresos, por plan de cuotas.
fview-budgets-year = Año académico
fview-budgets-show = Ver
fview-budgets-heading = Presupuestos de { $year }
fview-budget-plan = Plan de cuotas
fview-budget-amount = Presupuesto ({ $currency })
fview-budgets-hint = Deje una celda vacía si no hay presupuesto. Los importes van en la moneda del colegio, con dos decimales como máximo.
fview-budgets-save = Guardar los presupuestos
fview-budgets-saved = Los presupuestos se han guardado.
fview-budgets-refused = No se ha guardado nada: corrija los importes marcados abajo.
fview-budget-negative = Un presupuesto no puede ser menor que cero.
fview-budgets-no-plans = Este año aún no tiene planes de cuotas.
fview-budgets-plans-link = Añadir planes de cuotas
fview-budgets-no-year = Añada un año académico antes de fijar presupuestos.
fview-budgets-against = Presupuestos de { $year } frente a lo facturado y cobrado
fview-budgets-income-only = Solo ingresos: Homeroom no registra los gastos del colegio.
fview-budget = Presupuesto
fview-budget-none = Sin presupuesto
fview-budget-reached = Cobrado del presupuesto
fview-budgets-none-set = Aún no hay presupuestos para este año.
fview-budgets-edit = Fijar los presupuestos

## Fees offered on a mid-year enrolment
fview-offer-heading = Cuotas de { $name }
fview-offer-intro = A los demás alumnos ya se les han facturado estos periodos. Cree las facturas ahora, prorrateadas según la norma del colegio y con sus descuentos, o déjelas para más adelante.
fview-offer-prorated = (prorrateada: { $months } de { $of } meses)
fview-offer-period = Del { $from } al { $to }
fview-offer-due = Vence el { $date }.
fview-offer-create = Crear facturas
fview-offer-later = Ahora no
fview-offer-created = { $count ->
    [one] Se ha creado una factura.
   *[other] Se han creado { $count } facturas.
}
fview-offer-nothing = No se ha creado ninguna factura: estas cuotas ya están facturadas.
