"""Consent, encryption at rest, a person's rights over their data, anonymisation."""
