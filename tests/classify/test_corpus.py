"""The training corpus and the labelled-file loader."""
import json

import pytest

from triage.catalogue.codes import THEMES
from triage.classify.corpus import CorpusError, Example, examples_hash, load_corpus, load_jsonl


def test_the_corpus_has_enough_lines_over_all_themes_and_both_kinds(corpus):
    assert len(corpus) >= 1500
    assert {e.kind for e in corpus} == {"hulpvraag", "leervraag"}
    assert {e.primary for e in corpus} == set(THEMES)
    assert all(1 <= len(e.themes) <= 2 for e in corpus)


def test_every_corpus_line_is_a_valid_example(corpus):
    assert all(isinstance(e, Example) and e.question.strip() for e in corpus)
    assert all(code in THEMES for e in corpus for code in e.themes)


def _write(tmp_path, *records):
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n",
                    encoding="utf-8")
    return path


def test_a_labelled_file_with_ids_and_blank_lines_loads(tmp_path):
    path = _write(tmp_path, {"id": "x1", "question": "wifi thuis valt uit", "kind": "hulpvraag",
                             "themes": ["toestel-technisch"]}, "",
                  {"question": "wil leren mailen", "kind": "leervraag", "themes": ["communicatie"]})
    examples = load_jsonl(path)
    assert [e.themes for e in examples] == [("toestel-technisch",), ("communicatie",)]


@pytest.mark.parametrize("record, message", [
    ({"question": "x", "kind": "vraag", "themes": ["computer"]}, "onbekende soort"),
    ({"question": "x", "kind": "hulpvraag", "themes": ["fietsen"]}, "onbekend thema"),
    ({"question": "x", "kind": "hulpvraag", "themes": []}, "één of twee"),
    ({"question": "x", "kind": "hulpvraag", "themes": ["computer", "toegang", "werk"]}, "één of twee"),
    ({"question": " ", "kind": "hulpvraag", "themes": ["computer"]}, "ontbreekt of is leeg"),
    ("{not json", "geen geldige JSON"),
])
def test_a_bad_line_is_refused_with_its_line_number(tmp_path, record, message):
    path = _write(tmp_path, {"question": "ok", "kind": "hulpvraag", "themes": ["computer"]}, record)
    with pytest.raises(CorpusError, match=message) as error:
        load_jsonl(path)
    assert "labelled.jsonl:2" in str(error.value)


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError):
        load_corpus(tmp_path)


def test_the_data_hash_changes_with_any_label(corpus):
    last = corpus[-1]
    other = "leervraag" if last.kind == "hulpvraag" else "hulpvraag"
    changed = [*corpus[:-1], Example(last.question, other, last.themes)]
    assert examples_hash(corpus) == examples_hash(list(corpus))
    assert examples_hash(corpus) != examples_hash(changed)
