"""Privacy (GDPR): the audit log, a citizen's data (access, export, erasure) and retention."""
