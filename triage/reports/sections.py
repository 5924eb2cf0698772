"""The report's sections in the order of the issue, and every table that can be downloaded as CSV."""
from triage.reports.base import CHANNELS, Block, Context, Section
from triage.reports.flow_sections import SUCCESS_DIMENSIONS, loop_closure, success_rates, timings_and_declines, volumes
from triage.reports.need_sections import catalogue, hulp_to_leer, online_services, trend, unmet_needs
from triage.reports.tables import Table

__all__ = ["CHANNELS", "Block", "Context", "Section", "SECTIONS", "TABLES", "build", "table", "volumes"]

SECTIONS = {
    "volumes": volumes,
    "opvolging": loop_closure,
    "slaagkans": success_rates,
    "doorlooptijd": timings_and_declines,
    "onvervuld": unmet_needs,
    "diensten": online_services,
    "hulp-naar-leer": hulp_to_leer,
    "aanbod": catalogue,
    "verloop": trend,
}
# Every table that can be downloaded, and the section that makes it.
TABLES = {
    "kerncijfers": "volumes", "soort": "volumes", "thema": "volumes", "kanaal": "volumes", "postcode": "volumes",
    "opvolging": "opvolging",
    **{f"slaagkans-{slug}": "slaagkans" for _, slug, _ in SUCCESS_DIMENSIONS},
    "doorlooptijden": "doorlooptijd", "weigerredenen": "doorlooptijd", "herinneringen": "doorlooptijd",
    "onvervulde-noden": "onvervuld",
    "online-diensten": "diensten", "online-diensten-verloop": "diensten",
    "hulp-naar-leer": "hulp-naar-leer",
    "aanbod": "aanbod",
    "verloop-week": "verloop", "verloop-maand": "verloop", "soort-per-maand": "verloop",
}


def build(ctx: Context, keys=None) -> list[Section]:
    return [SECTIONS[key](ctx) for key in (keys or SECTIONS)]


def table(ctx: Context, slug: str) -> Table | None:
    """One downloadable table, built by its section alone."""
    key = TABLES.get(slug)
    if key is None:
        return None
    section = SECTIONS[key](ctx)
    return next((b.table for b in section.blocks if b.table.slug == slug), None)
