"""Scheduled jobs: one table of jobs, run_job() with a database claim per run, the scheduler process."""
