"""Small readers for HSDS values: ids, strings, dates, the catalogue id of a foreign service."""
import datetime
import hashlib
import re


def join_date_time(day: str, time):
    return day if time is None or "T" in day else f"{day}T{time}"


def is_date_time(text: str) -> bool:
    try:
        datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def put_value(entry: dict, key: str, value) -> None:
    if value is not None:
        entry[key] = value


def id_key(value):
    """An id usable as a dict key (ids in bad input may be lists or objects)."""
    return value if isinstance(value, (str, int)) else None


def str_or_none(value):
    return value if isinstance(value, str) else None


def derived_id(hsds_id, name) -> str:
    """Catalogue id for a service from another directory: 'hsds-' and its own id, made safe."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(hsds_id or "").lower()).strip("-")[:59].strip("-")
    if not slug:
        slug = hashlib.sha256(str(name).encode()).hexdigest()[:12]
    return f"hsds-{slug}"
