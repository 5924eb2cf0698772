"""Referrals of a help request to a digihelper, course or organisation, and their outcomes."""
