"""Fixtures for the jobs tests: the test jobs in the registry."""
import pytest

from tests.jobs import helpers
from triage.jobs import registry


@pytest.fixture
def test_jobs(monkeypatch):
    monkeypatch.setattr(registry, "JOBS", registry.JOBS + helpers.TEST_JOBS)
    return helpers
