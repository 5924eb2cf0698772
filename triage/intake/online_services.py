"""Online services named in a question (itsme, MyMinfin, bank apps...), found with one compiled regex."""
import json
import re
import unicodedata
from pathlib import Path

_DOCUMENT = json.loads((Path(__file__).resolve().parent / "online_services.json").read_text(encoding="utf-8"))

# code -> Dutch label, in the order of the maintained list.
SERVICES: dict[str, str] = {s["code"]: s["label"] for s in _DOCUMENT["services"]}


def _compile() -> tuple[re.Pattern, dict[str, str]]:
    # One named group per service; the whole alternation must stand as a word (or words) of its own.
    groups, codes = [], {}
    for number, service in enumerate(_DOCUMENT["services"]):
        name = f"s{number}"
        codes[name] = service["code"]
        groups.append(f"(?P<{name}>{'|'.join(service['patterns'])})")
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(groups) + r")(?![a-z0-9])"), codes


_PATTERN, _CODES = _compile()


def normalise(text: str) -> str:
    """Lowercase, accents off, typographic apostrophes straightened, whitespace folded."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def detect_services(text: str) -> list[str]:
    """The service codes the text names, each once, in the order they first appear."""
    found: dict[str, None] = {}
    for match in _PATTERN.finditer(normalise(text)):
        found.setdefault(_CODES[match.lastgroup], None)
    return list(found)


def service_label(code: str) -> str:
    return SERVICES.get(code, code)
