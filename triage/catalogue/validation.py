"""Check a whole catalogue file and list every problem with its path, in Dutch."""
from datetime import date, datetime

from jsonschema import Draft202012Validator

from triage.catalogue.codes import CATALOGUE_SCHEMA, FILE_KEYS, NEEDS, THEMES
from triage.catalogue.times import parse_datetime

_VALIDATOR = Draft202012Validator(CATALOGUE_SCHEMA)
_TYPE_NAMES = {"string": "tekst", "integer": "geheel getal", "number": "getal",
               "boolean": "true of false", "array": "lijst", "object": "object"}


def json_path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "bestand"


def _field(parts) -> str:
    names = [p for p in parts if isinstance(p, str)]
    return names[-1] if names else ""


def _pattern_message(field: str, value) -> str:
    if field in ("themes", "theme"):
        return f"onbekend thema '{value}'"
    if field == "postcodes":
        return f"ongeldige postcode '{value}': een Belgische postcode heeft 4 cijfers"
    if field == "languages":
        return f"ongeldige taalcode '{value}': gebruik 2 of 3 kleine letters, zoals nl of fr"
    if field in ("id", "organisation"):
        return (f"ongeldige id '{value}': gebruik kleine letters, cijfers en koppeltekens "
                "(maximaal 64 tekens)")
    return f"ongeldige waarde '{value}'"


def _message(error) -> tuple[list, str]:
    parts = list(error.absolute_path)
    field = _field(parts)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return parts + [missing], "verplicht veld ontbreekt"
    if kind == "additionalProperties":
        extra = error.message.split("'")[1] if "'" in error.message else "?"
        return parts, f"onbekend veld '{extra}'"
    if kind == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, str) else wanted[0]
        return parts, f"moet een {_TYPE_NAMES.get(wanted, wanted)} zijn"
    if kind == "pattern":
        return parts, _pattern_message(field, error.instance)
    if kind == "enum":
        if field == "accessibility":
            return parts, (f"onbekende toegankelijkheid '{error.instance}': kies uit "
                           + ", ".join(NEEDS))
        if field == "kinds":
            return parts, f"onbekende soort vraag '{error.instance}': kies hulpvraag of leervraag"
        return parts, f"ongeldige waarde '{error.instance}': kies uit " + ", ".join(
            map(str, error.validator_value))
    if kind == "const":
        return parts, f"moet {error.validator_value} zijn"
    if kind in ("minItems", "minLength"):
        return parts, "mag niet leeg zijn"
    if kind == "minimum":
        return parts, f"moet minstens {error.validator_value} zijn"
    return parts, "ongeldige waarde"


def _check_sessions(key: str, index: int, sessions, errors: list[str]) -> None:
    for s_index, session in enumerate(sessions if isinstance(sessions, list) else []):
        if not isinstance(session, dict):
            continue
        base = f"{key}[{index}].sessions[{s_index}]"
        start = end = None
        for name in ("start", "end"):
            value = session.get(name)
            if value is None:
                continue
            try:
                parsed = parse_datetime(value)
            except (TypeError, ValueError):
                errors.append(f"{base}.{name}: ongeldige datum en tijd '{value}' "
                              "(verwacht bijvoorbeeld 2026-12-08T14:00:00+01:00)")
                continue
            if name == "start":
                start = parsed
            else:
                end = parsed
        if isinstance(start, datetime) and isinstance(end, datetime) and end <= start:
            errors.append(f"{base}.end: het einde moet na het begin liggen")


def _is_date(value) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return isinstance(value, str) and len(value) == 10


def validate_document(document, known_organisations: set[str] = frozenset()) -> list[str]:
    """Every problem in the file, as 'path: message'. Empty when the file can be imported."""
    if not isinstance(document, dict):
        return ["bestand: moet een JSON-object zijn met version, organisations, digihelpers "
                "en courses"]
    errors: list[str] = []
    for error in sorted(_VALIDATOR.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        parts, message = _message(error)
        line = f"{json_path(parts)}: {message}"
        if line not in errors:
            errors.append(line)
    org_ids = set(known_organisations)
    for item in document.get("organisations") or [] if isinstance(document.get("organisations"), list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            org_ids.add(item["id"])
    for entry_type, key in FILE_KEYS.items():
        items = document.get(key)
        if not isinstance(items, list):
            continue
        seen: set[str] = set()
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            entry_id = item.get("id")
            if isinstance(entry_id, str):
                if entry_id in seen:
                    errors.append(f"{key}[{index}].id: id '{entry_id}' komt meer dan één keer voor")
                seen.add(entry_id)
            themes = item.get("themes")
            for t_index, theme in enumerate(themes if isinstance(themes, list) else []):
                line = f"{key}[{index}].themes[{t_index}]: onbekend thema '{theme}'"
                if isinstance(theme, str) and theme not in THEMES and line not in errors:
                    errors.append(line)
            verified = item.get("last_verified")
            if verified is not None and not _is_date(verified):
                errors.append(f"{key}[{index}].last_verified: ongeldige datum '{verified}' "
                              "(verwacht bijvoorbeeld 2026-11-30)")
            org = item.get("organisation")
            if entry_type != "organisation" and isinstance(org, str) and org not in org_ids:
                errors.append(f"{key}[{index}].organisation: onbekende organisatie '{org}'")
            if entry_type == "course":
                _check_sessions(key, index, item.get("sessions"), errors)
    return errors
