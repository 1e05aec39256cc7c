"""A generic grouping engine on CP-SAT, with the intervision rules as a scoring layer on top.

The core (``optimiser.problem``, ``optimiser.solve``, ``optimiser.result``) knows people, group
bounds, pair scores, forbidden pairs, group rules and pins; it knows nothing of spreadsheets or
intervision. ``optimiser.intervision`` turns a participant table into such a problem.
"""
