"""Entry point for gunicorn and the flask command: `gunicorn wsgi:app`."""
from triage import create_app

app = create_app()
