"""Offices: the tree of public offices that sign plans (DOMAIN.md glossary: supervising office).

Minimal for now: name, tier, supervising office and a code. People and roles come later.
"""
