"""The migrated schema equals the models; the packaged contract copies equal the contract."""
import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from triage.extensions import db

SHARED = Path(__file__).resolve().parents[2] / "shared" / "contract"
PACKAGE = Path(__file__).resolve().parents[1] / "triage" / "catalogue"


def test_migrations_produce_exactly_the_models(app):
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_migrations_seed_the_contract_themes_and_kinds(app):
    from triage.catalogue.models import Kind, Theme

    with app.app_context():
        assert db.session.query(Theme).count() == 18
        assert {k.code for k in db.session.query(Kind)} == {"hulpvraag", "leervraag"}


@pytest.mark.parametrize("name", ["themes.json", "catalogue.schema.json"])
def test_packaged_contract_files_are_the_contract(name):
    if not SHARED.exists():
        pytest.skip("../shared/contract is not beside this checkout")
    assert json.loads((PACKAGE / name).read_text()) == json.loads((SHARED / name).read_text())
