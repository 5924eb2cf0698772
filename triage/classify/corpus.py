"""Load and validate labelled questions: the training corpus and other labelled JSON-lines files."""
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

# The catalogue holds the contract's code list; classify may read it (row 2 of DESIGN.md).
from triage.catalogue.codes import THEMES

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
KINDS = ("hulpvraag", "leervraag")
THEME_CODES: tuple[str, ...] = tuple(THEMES)


class CorpusError(ValueError):
    """A labelled line is malformed or uses a code outside the contract."""


@dataclass(frozen=True)
class Example:
    """One labelled question: kind and one or two themes, primary first."""

    question: str
    kind: str
    themes: tuple[str, ...]

    @property
    def primary(self) -> str:
        return self.themes[0]


def validate(question: object, kind: object, themes: object, where: str = "") -> Example:
    """An Example from raw values, or CorpusError saying what is wrong and where."""
    prefix = f"{where}: " if where else ""
    if not isinstance(question, str) or not question.strip():
        raise CorpusError(f"{prefix}de vraag (question) ontbreekt of is leeg")
    if kind not in KINDS:
        raise CorpusError(f"{prefix}onbekende soort {kind!r}: kies hulpvraag of leervraag")
    if isinstance(themes, str):
        themes = [themes]
    if not isinstance(themes, list | tuple) or not 1 <= len(themes) <= 2:
        raise CorpusError(f"{prefix}themes moet een lijst van één of twee themacodes zijn")
    unknown = [code for code in themes if code not in THEME_CODES]
    if unknown:
        raise CorpusError(f"{prefix}onbekend thema {unknown}")
    if len(set(themes)) != len(themes):
        raise CorpusError(f"{prefix}een thema staat er twee keer in")
    return Example(question.strip(), kind, tuple(themes))


def load_jsonl(path: Path | str) -> list[Example]:
    """Labelled examples from one JSON-lines file with question, kind and themes per line."""
    path = Path(path)
    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusError(f"{where}: geen geldige JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise CorpusError(f"{where}: een regel moet een JSON-object zijn")
            examples.append(validate(record.get("question"), record.get("kind"),
                                     record.get("themes"), where))
    return examples


def load_corpus(folder: Path | str = CORPUS_DIR) -> list[Example]:
    """Every *.jsonl file in the corpus folder, in file-name order."""
    files = sorted(Path(folder).glob("*.jsonl"))
    if not files:
        raise CorpusError(f"geen *.jsonl-bestanden in {folder}")
    return [example for path in files for example in load_jsonl(path)]


def examples_hash(examples: list[Example]) -> str:
    """A short fingerprint of the training data, stored with a model to spot stale files."""
    digest = hashlib.sha256()
    for example in examples:
        line = json.dumps([example.question, example.kind, list(example.themes)], ensure_ascii=False)
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()[:16]
