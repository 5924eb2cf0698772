"""Shared web plumbing: access guard, errors, filters, forms, security headers."""
