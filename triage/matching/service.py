"""The catalogue as an OfferIndex, rebuilt only when the catalogue changed; gap records."""
import threading

from sqlalchemy import func, select

from triage.catalogue.models import CatalogueEntry
from triage.extensions import db
from triage.matching.engine import OfferIndex
from triage.matching.models import UnmetNeed
from triage.matching.snapshot import offers_from_entries
from triage.matching.types import MatchRequest, MatchResult

_lock = threading.Lock()
_cache: dict = {"stamp": None, "index": None}


def catalogue_stamp() -> tuple:
    """Changes whenever an entry is added or saved (services touch updated_at on every save)."""
    count, latest = db.session.execute(
        select(func.count(CatalogueEntry.id), func.max(CatalogueEntry.updated_at))).one()
    return (db.engine.url.render_as_string(), count, latest)


def offer_index() -> OfferIndex:
    """The current catalogue, indexed for matching; shared by the requests of this process."""
    stamp = catalogue_stamp()
    with _lock:
        if _cache["stamp"] == stamp:
            return _cache["index"]
    entries = db.session.scalars(select(CatalogueEntry)).all()
    index = OfferIndex(offers_from_entries(entries))
    with _lock:
        _cache.update(stamp=stamp, index=index)
    return index


def record_gap(request: MatchRequest, result: MatchResult, source: str,
               help_request_id: int | None = None, channel: str | None = None) -> UnmetNeed:
    """Store the anonymous facts of a gap for the reports (flushes; the caller commits)."""
    need = UnmetNeed(source=source, kind=request.kind, theme=request.themes[0],
                     theme2=request.themes[1] if len(request.themes) > 1 else None,
                     language=request.language, postcode=request.postcode, needs=list(request.needs),
                     missing=list(result.missing), help_request_id=help_request_id, channel=channel)
    db.session.add(need)
    db.session.flush()
    return need
