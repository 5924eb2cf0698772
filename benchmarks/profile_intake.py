"""Where an intake POST's CPU goes, in-process: the whole request beside its parts.

    .venv/bin/python benchmarks/profile_intake.py [--requests 3000]

A fresh SQLite database in a temporary folder (demo town), one logged-in counter clerk, the Werkzeug
test client (no network), fixed questions and keys from a seeded generator. Prints CPU ms per request
for a bare route, the plain insert route, an authenticated POST that does nothing, the intake POST, and
the intake's parts, measured by timers wrapped around them (so the parts add a little of their own).
"""
import argparse
import collections
import functools
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
QUESTIONS = ["mijn itsme werkt niet meer sinds ik een nieuwe gsm heb", "wil leren videobellen met de kleinkinderen",
             "aangifte belastingen moet voor vrijdag ingediend", "laptop is heel traag geworden",
             "hoe betaal ik met payconiq", "geen computer thuis en moet online solliciteren"]
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def cpu_ms(fn, n: int, rounds: int = 3) -> float:
    """Best of a few rounds of n calls: CPU ms per call."""
    for _ in range(50):
        fn()
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(n):
            fn()
        best = min(best, (time.process_time() - start) / n * 1000)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    password = "profiel-wachtwoord-" + secrets.token_hex(4)
    env = {**os.environ, "TRIAGE_INSTANCE_PATH": tempfile.mkdtemp(prefix="triage-profile-"),
           "TRIAGE_BENCHMARK_ROUTES": "true", "TRIAGE_DEMO_PASSWORD": password,
           "TRIAGE_SECRET_KEY": secrets.token_hex(32)}
    env.pop("TRIAGE_DATABASE_URL", None)
    for command in (["db", "upgrade"], ["demo", "seed"]):
        subprocess.run([str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi", *command], env=env, cwd=ROOT,
                       check=True, capture_output=True)
    os.environ.update(env)
    os.environ.pop("TRIAGE_DATABASE_URL", None)
    from flask import redirect

    from triage import create_app
    from triage.extensions import db
    from triage.web.bench_views import bench_rows
    from triage.web.guard import roles

    app = create_app()

    @app.post("/_bench/noop")
    @roles("balie")
    def noop():
        return redirect("/")

    with app.app_context():
        bench_rows.create(db.engine, checkfirst=True)
    client = app.test_client()
    token = CSRF.search(client.get("/login").get_data(as_text=True)).group(1)
    assert client.post("/login", data={"email": "balie@dijlegem.example", "password": password,
                                       "csrf_token": token}).status_code == 302
    token = CSRF.search(client.get("/balie/nieuw").get_data(as_text=True)).group(1)
    rng = random.Random(1)

    def intake():
        form = {"question": rng.choice(QUESTIONS), "language": "nl", "channel": "balie", "postcode": "2800",
                "csrf_token": token, "idempotency_key": f"{rng.getrandbits(128):032x}"}
        assert client.post("/balie/nieuw", data=form).status_code == 302

    n = args.requests
    print(f"CPU ms per request, best of 3 rounds of {n}, in-process (Werkzeug test client), SQLite")
    print(f"  bare GET (constant)             {cpu_ms(lambda: client.get('/_bench/bare'), n):6.3f}")
    print(f"  plain insert POST               {cpu_ms(lambda: client.post('/_bench/insert'), n):6.3f}")
    print(f"  authenticated POST, no work     "
          f"{cpu_ms(lambda: client.post('/_bench/noop', data={'csrf_token': token}), n):6.3f}")
    print(f"  intake POST                     {cpu_ms(intake, n):6.3f}")
    parts = collections.Counter()

    def timed(owner, name, label):
        original = getattr(owner, name)

        @functools.wraps(original)
        def wrapper(*a, **k):
            start = time.process_time()
            try:
                return original(*a, **k)
            finally:
                parts[label] += time.process_time() - start
        setattr(owner, name, wrapper)

    import flask_login.login_manager as login_manager
    import flask_wtf.csrf as wtf_csrf
    from flask.sessions import SecureCookieSessionInterface
    from sqlalchemy.orm import scoping

    import triage.intake.services as intake_services
    import triage.intake.views as intake_views
    from triage.classify.model import Classifier
    timed(SecureCookieSessionInterface, "open_session", "session cookie (open)")
    timed(wtf_csrf.CSRFProtect, "protect", "CSRF check (with reading the form)")
    timed(login_manager.LoginManager, "_load_user", "account check (one query)")
    timed(intake_views.IntakeForm, "validate_on_submit", "form: validated")
    timed(intake_views, "IntakeForm", "form: built")
    timed(Classifier, "predict", "classification")
    timed(intake_services, "store_request", "store (incl. classification)")
    timed(scoping.scoped_session, "commit", "commit (incl. the audit row)")
    for _ in range(50):
        intake()
    parts.clear()
    start = time.process_time()
    for _ in range(n):
        intake()
    total = (time.process_time() - start) / n * 1000
    print(f"\nthe intake POST's parts (timers around them; whole request {total:.3f} ms):")
    for label, seconds in parts.most_common():
        print(f"  {label:<36}{seconds / n * 1000:6.3f}")


if __name__ == "__main__":
    main()
