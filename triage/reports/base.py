"""What every report section is made of: the context it is built for, blocks of a table and a chart, shared helpers."""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from markupsafe import Markup

from triage.reports import charts
from triage.reports import queries as q
from triage.reports.charts import fmt_number, fmt_percent
from triage.reports.periods import MONTHS, Period
from triage.reports.tables import Column, Table

CHANNELS = {"balie": "Aan de balie", "telefoon": "Telefoon", "huisbezoek": "Huisbezoek", "e-mail": "E-mail"}
TOP_SERVICES = 5  # lines in the services trend chart
# Shown on the sections that count requests when a target filter is on: those filters narrow referrals only.
TARGET_NOTE = ("De filter op soort aanbod of organisatie geldt niet voor dit deel: het telt alle vragen die aan de "
               "andere filters voldoen.")


@dataclass
class Context:
    """What every section needs: the period, the other filters, the clock and who is looking."""

    period: Period
    criteria: dict
    now: datetime
    # Only coordinators see per-digihelper counts under 5.
    sees_small_counts: bool = False
    postcode_names: dict = field(default_factory=dict)
    prefix: str = "r"

    def filters(self, start: date | None = None, end: date | None = None):
        return q.Filters(start or self.period.start, end or self.period.end, **self.criteria)

    def target_note(self, text: str = TARGET_NOTE) -> str:
        """text when a target filter is on, for a section whose numbers it does not narrow; else ''."""
        return text if self.criteria.get("target_type") or self.criteria.get("organisation") else ""

    def chart_id(self, slug: str) -> str:
        return f"{self.prefix}-{slug}"

    def postcode(self, code) -> str:
        if not code:
            return "Onbekend"
        name = self.postcode_names.get(code)
        return f"{code} {name}" if name else str(code)


@dataclass
class Block:
    table: Table
    chart: Markup | None = None
    heading: str = ""


@dataclass
class Section:
    key: str
    title: str
    intro: str
    blocks: list[Block]
    # Key figures shown large at the top of the section: (label, text).
    figures: list[tuple[str, str]] = field(default_factory=list)
    # No requests at all in the period (the volumes section only).
    empty: bool = False
    # Shown under the intro: which filters this section leaves out.
    note: str = ""


def share(n, total) -> float | None:
    return n / total if total else None


def counted(slug, caption, first, pairs, ctx_chart_id, title, total=None) -> Block:
    """A two-column count table (name, number, share) and its bar chart."""
    pairs = [(label, n or 0) for label, n in pairs]
    total = total if total is not None else sum(n for _, n in pairs)
    table = Table(slug, caption, [Column(first), Column("Aantal", "int"), Column("Aandeel", "percent")],
                  [[label, n, share(n, total)] for label, n in pairs])
    chart = None
    if pairs and total:
        chart = charts.bar_chart(
            ctx_chart_id, title, f"Staafdiagram, {len(pairs)} staven. {charts.describe_top(pairs)} "
                                 "Alle cijfers staan in de tabel.",
            [(label, n, f"{fmt_number(n)} ({fmt_percent(share(n, total))})") for label, n in pairs])
    return Block(table, chart)


def period_label(value: date, granularity: str, short: bool = False) -> str:
    if granularity == "week":
        week = value.isocalendar().week
        return f"w{week}" if short else f"week {week} ({value.strftime('%d/%m/%Y')})"
    if short:
        return f"{MONTHS[value.month - 1][:3]} {str(value.year)[2:]}"
    return f"{MONTHS[value.month - 1]} {value.year}"


def month_window(period: Period) -> tuple[date, date]:
    """The 12 months up to the period's end, or the whole period when it is longer."""
    first = period.end.replace(day=1)
    for _ in range(11):
        first = (first - timedelta(days=1)).replace(day=1)
    return min(first, period.start.replace(day=1)), period.end


def week_window(period: Period) -> tuple[date, date]:
    """The 13 weeks up to the period's end, or the whole period when it is longer."""
    monday = period.end - timedelta(days=period.end.weekday()) - timedelta(weeks=12)
    start = min(monday, period.start - timedelta(days=period.start.weekday()))
    return start, period.end


