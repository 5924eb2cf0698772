"""docs/security.md points only at tests that exist, so its checklist cannot drift from the suite."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_test_the_checklist_names_exists():
    doc = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    references = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", doc)
    assert len(references) > 80
    missing = []
    for path, name in references:
        source = ROOT / path
        if not source.is_file() or (name and not re.search(rf"^def {name}\(", source.read_text(), re.M)):
            missing.append(f"{path}::{name}")
    assert not missing
