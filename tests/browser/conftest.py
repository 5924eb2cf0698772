"""Browser tests: the app on a live server at 127.0.0.1, one headless Chromium for all of them.

The server is a second app object (CSRF on, as in production) on the same database as the suite's
`app` fixture, served by werkzeug in a thread of this process. Every test that uses it also uses
`app`, so tests/conftest.py empties the database after it, as after any other test.
"""
import os
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.browser.support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, Axe, Shots, login, missing_tools
from tests.conftest import settings_for
from triage import create_app
from triage.extensions import db

DEMO_PASSWORD = "browser-test-password-1"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture(scope="package")
def live_app(app, tmp_path_factory):
    """The app as a browser meets it: real CSRF tokens, the demo password, the suite's database."""
    instance = tmp_path_factory.mktemp("browser-instance")
    settings = settings_for(instance, DATABASE_URL=app.config["DATABASE_URL"], WTF_CSRF_ENABLED=True,
                            DEMO_PASSWORD=DEMO_PASSWORD)
    from triage.classify.service import get_classifier

    get_classifier()  # loaded (or trained, the first time) here rather than during the first intake
    return create_app(settings)


@pytest.fixture(scope="package")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}", app=live_app)
    server.shutdown()
    thread.join(timeout=10)
    with live_app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="package")
def browser():
    reason = missing_tools()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def axe(live_app):
    dialect = "postgresql" if live_app.config["DATABASE_URL"].startswith("postgresql") else "sqlite"
    checker = Axe(ARTIFACTS / f"axe-{dialect}.json")
    yield checker
    checker.save()


PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture
def new_page(browser, live_server):
    """new_page(**context_options) -> a page in a fresh context (own cookies) on the live server."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=live_server.url, locale="nl-BE", timezone_id="Europe/Brussels",
                                      accept_downloads=True, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def demo(live_server):
    """The demo town Dijlegem (flask demo seed): catalogue and one account per role."""
    from triage.demo.seed import seed

    with live_server.app.app_context():
        accounts = seed()
        db.session.commit()
        db.session.remove()
    return {role: SimpleNamespace(email=email, password=password, role=role) for email, role, password in accounts}


@pytest.fixture
def logged_in(new_page, demo):
    """logged_in('balie', **context_options) -> a page logged in as the demo account of that role."""

    def do(role: str, **options):
        page = new_page(**options)
        account = demo[role]
        login(page, account.email, account.password)
        return page

    return do


@pytest.fixture
def shots(request):
    """Screenshots for this test, in a folder named by the module's JOURNEY or else after the test."""
    name = getattr(request.module, "JOURNEY", None)
    return Shots(name or request.node.name.removeprefix("test_").split("[")[0].replace("_", "-"))
