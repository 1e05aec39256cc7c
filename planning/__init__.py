"""The programme plan: a facilitator for every group and every group's meetings for the year.

Flow: line-up (groups with their moment and meeting place) + facilitator list ->
:func:`planning.assign.assign_facilitators` (CP-SAT) -> :func:`planning.schedule.schedule_meetings`
(CP-SAT, per facilitator's groups) -> :class:`planning.model.Plan` -> workbook sheets, .ics
calendars, HTML and JSON. :func:`planning.plan.make_plan` composes the steps; ``workflow.py``
calls it.
"""
