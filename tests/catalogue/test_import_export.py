"""catalogue import / export: validate the whole file, upsert by id, round-trip."""
import copy
import json
from pathlib import Path

import pytest

from triage.catalogue.models import CatalogueEntry, CourseSession, EntryTag
from triage.extensions import db

DEV_CATALOGUE = Path(__file__).resolve().parents[3] / "shared" / "data" / "dev-catalogue.json"


def sample() -> dict:
    """A small catalogue in the contract format (the dev sample when present)."""
    if DEV_CATALOGUE.exists():
        return json.loads(DEV_CATALOGUE.read_text(encoding="utf-8"))
    from datetime import date

    from triage.demo.town import catalogue

    return catalogue(date(2026, 12, 1))


def normalise(document: dict) -> dict:
    """Fill the schema's defaults so that two equal catalogues compare equal."""
    out = {}
    for key in ("organisations", "digihelpers", "courses"):
        items = {}
        for entry in document.get(key, []):
            entry = dict(entry)
            entry.setdefault("active", True)
            for facet in ("postcodes", "accessibility", "target_groups"):
                entry.setdefault(facet, [])
            if key == "digihelpers":
                entry.setdefault("max_open_cases", 5)
            if key == "courses":
                entry.setdefault("kinds", ["leervraag"])
                entry.setdefault("cost_eur", 0)
            items[entry["id"]] = entry
        out[key] = items
    return out


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return (db.session.query(CatalogueEntry).count(), db.session.query(EntryTag).count(),
                db.session.query(CourseSession).count())


def test_import_then_export_gives_the_same_catalogue(app, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(sample()), encoding="utf-8")
    result = run(app, "catalogue", "import", str(source))
    assert result.exit_code == 0, result.output
    assert "nieuw" in result.output
    out = tmp_path / "out.json"
    assert run(app, "catalogue", "export", str(out)).exit_code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert normalise(exported) == normalise(sample())


def test_export_import_export_is_stable(app, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(sample()), encoding="utf-8")
    run(app, "catalogue", "import", str(source))
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    run(app, "catalogue", "export", str(first))
    assert run(app, "catalogue", "import", str(first)).exit_code == 0
    run(app, "catalogue", "export", str(second))
    assert first.read_text() == second.read_text()


def test_importing_again_updates_by_id_and_keeps_other_entries(app, tmp_path):
    document = sample()
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    run(app, "catalogue", "import", str(source))
    before = counts(app)[0]
    changed = {"version": 1, "digihelpers": [dict(document["digihelpers"][0], name="Nieuwe naam")]}
    source.write_text(json.dumps(changed), encoding="utf-8")
    result = run(app, "catalogue", "import", str(source))
    assert "1 bijgewerkt" in result.output
    assert counts(app)[0] == before
    with app.app_context():
        entry = db.session.query(CatalogueEntry).filter_by(code=document["digihelpers"][0]["id"]).one()
        assert entry.name == "Nieuwe naam"


def test_a_file_with_errors_lists_every_error_and_changes_nothing(app, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(sample()), encoding="utf-8")
    run(app, "catalogue", "import", str(good))
    before = counts(app)
    bad = copy.deepcopy(sample())
    bad["digihelpers"][3]["themes"][0] = "itsm"
    bad["digihelpers"][0]["name"] = "Gewijzigd maar niet opgeslagen"
    bad["digihelpers"][1]["postcodes"] = ["28OO"]
    bad["digihelpers"][2]["languages"] = []
    del bad["courses"][0]["title"]
    bad["courses"][1]["sessions"][0]["start"] = "volgende dinsdag"
    bad["organisations"][0]["accessibility"] = ["lift"]
    bad["digihelpers"][4]["organisation"] = "org-bestaat-niet"
    bad["digihelpers"].append(dict(bad["digihelpers"][5]))
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = run(app, "catalogue", "import", str(path))
    assert result.exit_code == 1
    out = result.output
    for expected in [
        "digihelpers[3].themes[0]: onbekend thema 'itsm'",
        "digihelpers[1].postcodes[0]: ongeldige postcode '28OO'",
        "digihelpers[2].languages: mag niet leeg zijn",
        "courses[0].title: verplicht veld ontbreekt",
        "courses[1].sessions[0].start: ongeldige datum en tijd 'volgende dinsdag'",
        "organisations[0].accessibility[0]: onbekende toegankelijkheid 'lift'",
        "digihelpers[4].organisation: onbekende organisatie 'org-bestaat-niet'",
        f"digihelpers[{len(bad['digihelpers']) - 1}].id: id '{bad['digihelpers'][5]['id']}' komt meer dan",
        "er is niets gewijzigd",
    ]:
        assert expected in out, (expected, out)
    assert counts(app) == before
    with app.app_context():
        assert db.session.query(CatalogueEntry).filter_by(name="Gewijzigd maar niet opgeslagen").count() == 0


@pytest.mark.parametrize("content, message", [
    (b"{niet json", "geen geldige JSON"),
    (b"\xff\xfe\x00", "geen UTF-8"),
    (b"[]", "moet een JSON-object zijn"),
    (b'{"version": 2}', "version: moet 1 zijn"),
    (b'{"version": 1, "extra": []}', "onbekend veld 'extra'"),
    (b'{"organisations": []}', "version: verplicht veld ontbreekt"),
    (b'{"version": 1, "digihelpers": [{"id": "Met Hoofdletters", "name": "x", "themes": ["computer"], '
     b'"kinds": ["hulpvraag"], "languages": ["nl"], "max_open_cases": -1}]}', "ongeldige id"),
    (b'{"version": 1, "courses": [{"id": "c", "title": "x", "themes": ["computer"], "languages": ["nl"], '
     b'"sessions": [{"start": "2026-12-01T10:00:00", "end": "2026-12-01T09:00:00"}]}]}',
     "het einde moet na het begin liggen"),
])
def test_broken_files_get_a_clear_message(app, tmp_path, content, message):
    path = tmp_path / "f.json"
    path.write_bytes(content)
    result = run(app, "catalogue", "import", str(path))
    assert result.exit_code == 1
    assert message in result.output, result.output
    assert counts(app) == (0, 0, 0)


def test_times_without_offset_are_brussels_time(app, tmp_path):
    document = {"version": 1, "courses": [{
        "id": "c-zomer", "title": "Zomer", "themes": ["computer"], "languages": ["nl"],
        "sessions": [{"start": "2026-07-01T10:00:00"}, {"start": "2026-12-01T10:00:00"}]}]}
    path = tmp_path / "f.json"
    path.write_text(json.dumps(document))
    run(app, "catalogue", "import", str(path))
    with app.app_context():
        starts = [s.starts_at.hour for s in db.session.query(CourseSession).order_by(CourseSession.starts_at)]
    assert starts == [8, 9]  # UTC: summer time +2, winter time +1
    out = tmp_path / "out.json"
    run(app, "catalogue", "export", str(out))
    sessions = json.loads(out.read_text())["courses"][0]["sessions"]
    assert [s["start"] for s in sessions] == ["2026-07-01T10:00:00+02:00", "2026-12-01T10:00:00+01:00"]


def test_course_defaults_are_applied(app, tmp_path):
    document = {"version": 1, "courses": [{"id": "c1", "title": "T", "themes": ["computer"],
                                           "languages": ["nl"], "sessions": [{"start": "2026-12-01T10:00:00"}]}]}
    path = tmp_path / "f.json"
    path.write_text(json.dumps(document))
    run(app, "catalogue", "import", str(path))
    out = tmp_path / "out.json"
    run(app, "catalogue", "export", str(out))
    course = json.loads(out.read_text())["courses"][0]
    assert course["kinds"] == ["leervraag"] and course["cost_eur"] == 0 and course["active"] is True


def test_a_missing_file_is_refused(app):
    result = run(app, "catalogue", "import", "/bestaat/niet.json")
    assert result.exit_code == 2


def test_hsds_export_then_import_round_trips_through_the_database(app, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(sample()), encoding="utf-8")
    run(app, "catalogue", "import", str(source))
    original, hsds = tmp_path / "original.json", tmp_path / "hsds.json"
    run(app, "catalogue", "export", str(original))
    assert run(app, "catalogue", "export", str(hsds), "--format", "hsds").exit_code == 0
    document = json.loads(hsds.read_text())
    assert {"organizations", "services", "taxonomy_terms"} <= set(document)
    with app.app_context():  # start from an empty catalogue
        db.session.query(CatalogueEntry).delete()
        db.session.commit()
    result = run(app, "catalogue", "import", str(hsds), "--format", "hsds")
    assert result.exit_code == 0, result.output
    again = tmp_path / "again.json"
    run(app, "catalogue", "export", str(again))
    assert json.loads(again.read_text()) == json.loads(original.read_text())


def test_a_bad_hsds_file_lists_its_errors(app, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"services": "geen lijst"}))
    result = run(app, "catalogue", "import", str(path), "--format", "hsds")
    assert result.exit_code == 1
    assert "services: moet een lijst zijn" in result.output
    assert counts(app) == (0, 0, 0)
