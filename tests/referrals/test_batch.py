"""flask triage batch on the development matching sample: no hard rule broken, gaps found."""
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.fixture
def dev_catalogue(app):
    if not (SHARED / "dev-matching.jsonl").exists():
        pytest.skip("../shared/data is not beside this checkout")
    result = app.test_cli_runner().invoke(args=["catalogue", "import", str(SHARED / "dev-catalogue.json")])
    assert result.exit_code == 0, result.output


def test_batch_on_the_dev_matching_sample_keeps_every_hard_rule(app, tmp_path, dev_catalogue):
    cases = [json.loads(line) for line in (SHARED / "dev-matching.jsonl").read_text().splitlines() if line]
    infile, outfile = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    fields = ("id", "question", "postcode", "language", "needs", "kind", "themes")
    infile.write_text("\n".join(json.dumps({k: c[k] for k in fields if k in c}) for c in cases))
    result = app.test_cli_runner().invoke(args=["triage", "batch", str(infile), str(outfile),
                                                "--now", "2026-12-01T09:00:00"])
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in outfile.read_text().splitlines()]
    assert [a["id"] for a in answers] == [c["id"] for c in cases]
    for case, answer in zip(cases, answers, strict=True):
        ids = [s["id"] for s in answer["suggestions"]]
        assert set(ids) <= set(case["acceptable"]), case["id"]
        assert answer["gap"] == case["gap"], case["id"]
        assert len(ids) <= 5
        if not case["gap"]:
            assert set(ids[:3]) & set(case["acceptable"]), case["id"]
        else:
            assert ids == [] and answer["explanation"]
        assert list(answer)[:1] == ["id"] and answer["kind"] == case["kind"]


def test_bad_lines_get_an_error_and_the_rest_go_on(app, tmp_path, dev_catalogue):
    infile, outfile = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    infile.write_text("\n".join([
        '{"id": "a", "question": "x", "kind": "hulpvraag", "themes": ["computer"]}',
        '{kapot',
        '{"id": "c", "question": ""}',
        '{"id": "d", "question": "x", "kind": "hulpvraag", "themes": ["itsm"]}',
        '[1]',
        '',
        '{"id": "f", "question": "x", "kind": "leervraag", "themes": ["computer"], "postcode": "2800"}',
    ]))
    result = app.test_cli_runner().invoke(args=["triage", "batch", str(infile), str(outfile)])
    assert result.exit_code == 0
    answers = [json.loads(line) for line in outfile.read_text().splitlines()]
    assert [a.get("id") for a in answers] == ["a", None, "c", "d", None, "f"]
    assert "error" not in answers[0] and "error" not in answers[5]
    assert "geen geldige JSON" in answers[1]["error"]
    assert "vul de vraag" in answers[2]["error"]
    assert "onbekend thema 'itsm'" in answers[3]["error"]
    assert "4 met een fout" in result.output


def test_a_bad_now_is_refused(app, tmp_path):
    infile = tmp_path / "in.jsonl"
    infile.write_text('{"id": "a", "question": "x"}\n')
    result = app.test_cli_runner().invoke(args=["triage", "batch", str(infile), str(tmp_path / "o"),
                                                "--now", "morgen"])
    assert result.exit_code == 2 and "ongeldige datum" in result.output
