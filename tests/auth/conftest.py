"""Fixtures for the account tests."""
import pytest


@pytest.fixture
def policy(tmp_path):
    """The policy needs only the settings: an app context without a database (no cleanup per test)."""
    from flask import Flask

    from triage.config import Defaults

    bare = Flask(__name__, instance_path=str(tmp_path))
    bare.config.from_object(Defaults)
    with bare.app_context():
        yield
