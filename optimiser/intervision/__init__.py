"""The intervision scoring layer: participant table + settings -> a generic grouping problem,
and a solver's groups back to a line-up the coordinator can read, check and repair."""
