"""Reading, normalising, validating and analysing intervision intake questionnaires.

The public entry point is :func:`intake.pipeline.read_intake`, which turns one file into an
:class:`intake.pipeline.IntakeResult`: a participant table (see ``docs/participant_table.md``),
the column mapping that was used and every issue found.
"""
