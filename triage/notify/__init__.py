"""Outbox of e-mail messages: written in the caller's transaction, sent later by a job."""
