"""Catalogue files in and out: the contract's own format or Open Referral HSDS 3.0."""
import json

from triage.catalogue.export import export_document
from triage.catalogue.services import CatalogueFileError, ImportResult, import_document
from triage.errors import ServiceError
from triage.web.security import contains_nul

FORMATS = ("triage", "hsds")


class FileProblem(ServiceError):
    """The file cannot be imported; `errors` lists every reason."""

    def __init__(self, message: str, errors: list[str]):
        super().__init__(message)
        self.errors = errors


def parse_json(raw: bytes) -> object:
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise FileProblem("het bestand is geen UTF-8-tekst", ["bestand: geen UTF-8-tekst"]) from exc
    except json.JSONDecodeError as exc:
        raise FileProblem("het bestand is geen geldige JSON",
                          [f"bestand: geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})"]) from exc
    except RecursionError as exc:
        raise FileProblem("het bestand is te diep genest", ["bestand: te diep genest om in te lezen"]) from exc
    if contains_nul(document):
        raise FileProblem("het bestand bevat het teken U+0000", ["bestand: bevat het teken U+0000; laat het weg"])
    return document


def import_file(raw: bytes, fmt: str = "triage") -> ImportResult:
    """Read, validate and upsert; raises FileProblem listing every error, changing nothing."""
    document = parse_json(raw)
    if fmt == "hsds":
        from triage.catalogue.hsds import from_hsds

        document, errors = from_hsds(document)
        if errors:
            raise FileProblem(f"{len(errors)} fout(en) in het HSDS-bestand", errors)
    try:
        return import_document(document)
    except CatalogueFileError as error:
        raise FileProblem(f"{len(error.errors)} fout(en) in het bestand", error.errors) from error


def export_bytes(fmt: str = "triage") -> bytes:
    document = export_document()
    if fmt == "hsds":
        from triage.catalogue.hsds import to_hsds

        document = to_hsds(document)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
