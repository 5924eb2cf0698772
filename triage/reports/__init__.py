"""Reports for coordinators: read-only aggregates over requests, referrals, gaps and services.

queries.py is the interface the pages, the JSON API and the CSV export use. Counts for a period
without further filters come from daily rollups kept by database triggers (models.py,
rollups.py); with filters, the same numbers are computed from the base tables.
"""
