"""triage: log, classify and refer citizens' digital questions for Flemish local governments."""
import os
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None) -> Flask:
    """Build the app: config, extensions, blueprints, CLI. Starts no scheduler."""
    instance_path = ((test_config or {}).get("INSTANCE_PATH")
                     or os.environ.get("TRIAGE_INSTANCE_PATH") or str(ROOT / "instance"))
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from triage.config import load_config

    load_config(app, test_config)
    register_extensions(app)
    register_blueprints(app)
    register_benchmark(app)
    register_web(app)
    register_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    from triage import db as dbmod
    from triage.extensions import csrf, db, login_manager, migrate

    dbmod.SQLITE_SETTINGS["busy_timeout_ms"] = app.config["SQLITE_BUSY_TIMEOUT_MS"]
    _import_models()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"),
                     render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    from triage.privacy import audit

    audit.install()  # changes to a citizen's records are logged by every process: web, jobs, CLI


def _import_models() -> None:
    """Every table on the metadata, for migrations and for relationships by name."""
    import triage.auth.models  # noqa: F401
    import triage.catalogue.models  # noqa: F401
    import triage.classify.models  # noqa: F401
    import triage.intake.models  # noqa: F401
    import triage.jobs.models  # noqa: F401
    import triage.matching.models  # noqa: F401
    import triage.notify.models  # noqa: F401
    import triage.privacy.models  # noqa: F401
    import triage.referrals.models  # noqa: F401
    import triage.reports.models  # noqa: F401


def register_blueprints(app: Flask) -> None:
    from triage.api.cases import bp as api_cases_bp
    from triage.api.reports import bp as api_reports_bp
    from triage.api.views import bp as api_bp
    from triage.auth.admin_views import bp as admin_bp
    from triage.auth.views import bp as auth_bp
    from triage.catalogue.io_views import bp as catalogue_io_bp
    from triage.catalogue.views import bp as catalogue_bp
    from triage.intake.views import bp as intake_bp
    from triage.privacy.audit_views import bp as audit_bp
    from triage.privacy.views import bp as privacy_bp
    from triage.referrals.case_views import bp as cases_bp
    from triage.referrals.counter_views import bp as counter_bp
    from triage.referrals.email_views import bp as email_bp
    from triage.reports.views import bp as reports_bp
    from triage.web.converters import install as bounded_ids
    from triage.web.views import bp as main_bp

    bounded_ids(app)  # before the routes are added: <int:id> stops at the database's largest integer
    for blueprint in (main_bp, auth_bp, admin_bp, catalogue_bp, catalogue_io_bp, api_bp, api_cases_bp, intake_bp,
                      counter_bp, cases_bp, email_bp, reports_bp, api_reports_bp, privacy_bp, audit_bp):
        app.register_blueprint(blueprint)


def register_benchmark(app: Flask) -> None:
    """Two reference routes for benchmarks/bench_http.py; never on unless asked for."""
    if app.config.get("BENCHMARK_ROUTES"):
        from triage.web.bench_views import bp as bench_bp

        app.register_blueprint(bench_bp)


def register_web(app: Flask) -> None:
    from triage.auth.session import init_login
    from triage.privacy import audit
    from triage.web import branding, errors, filters, guard, i18n, security, transactions

    i18n.init_app(app)
    init_login(app)
    guard.init_app(app)
    transactions.init_app(app)
    errors.init_app(app)
    filters.init_app(app)
    branding.init_app(app)
    security.init_app(app)
    audit.init_app(app)  # last: its after_request hook runs first


def register_cli(app: Flask) -> None:
    from triage.cli import register

    register(app)
