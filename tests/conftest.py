"""Settings every test shares.

Hypothesis examples have no wall-clock deadline: the machine that runs the suite is shared
(2 cores, several suites at once), and a 200 ms deadline failed a correct test there
(``test_one_match_per_header_no_field_twice_deterministic`` took 253 ms under load). Tests
bound their work by examples and budgets, never by the clock.
"""

from hypothesis import settings

settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")
