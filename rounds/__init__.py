"""Programmes over rounds, from files alone: who is who across rounds, comparing two
line-ups, and forming the next round (stable or mixed). ``workflow.py`` composes these with
reading and writing; the database that remembers programmes is ``store``."""
