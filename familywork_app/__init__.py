"""Perhetyö: the family work app of a Finnish wellbeing services county."""
