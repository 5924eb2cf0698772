"""Entry point for gunicorn and the flask command: `gunicorn wsgi:app`."""
import gc

from triage import create_app

app = create_app()
# Everything built so far (the app, its models, the libraries) lives as long as the process: keep it
# out of the garbage collector's full passes, which otherwise walk it all and stall a request for
# ~0.1 s now and then. With gunicorn --preload this also keeps the workers from copying the pages
# they share with the master just because the collector touched them.
gc.freeze()
