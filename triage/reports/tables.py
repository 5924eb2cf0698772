"""A report table: caption, typed columns and raw rows, shown as HTML and exported as CSV from the same object."""
from dataclasses import dataclass, field
from datetime import date, datetime

from triage.reports.charts import fmt_number, fmt_percent

# What a masked count looks like: a number under 5 the viewer may not see.
SMALL = "minder dan 5"


class Masked:
    """A count hidden from this viewer (fewer than 5 per digihelper)."""

    def __repr__(self) -> str:
        return "Masked()"


MASKED = Masked()


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text, int, percent, rate (a percent withheld under 5 closed), hours, date, bool
    # For CSV: the unit in the header, e.g. "Slaagkans (%)".
    unit: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "percent", "rate", "hours")


@dataclass
class Table:
    slug: str
    caption: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    # A line under the table, e.g. why some rows are not shown. The first column names the row (th scope=row).
    note: str = ""

    def __bool__(self) -> bool:
        return bool(self.rows)


def hours_text(hours) -> str:
    """Hours as a Dutch duration that reads at a glance: '45 min', '5,5 uur', '3,2 dagen'."""
    if hours is None:
        return "–"
    if hours < 1:
        return f"{round(hours * 60)} min"
    if hours < 48:
        return f"{fmt_number(round(hours, 1))} uur"
    return f"{fmt_number(round(hours / 24, 1))} dagen"


def cell_text(value, kind: str) -> str:
    """The text a reader sees in the HTML table."""
    if value is MASKED:
        return SMALL
    if value is None:
        return "te weinig afgesloten" if kind == "rate" else "–"
    if kind == "int":
        return fmt_number(value)
    if kind in ("percent", "rate"):
        return fmt_percent(value)
    if kind == "hours":
        return hours_text(value)
    if kind == "date":
        return value.strftime("%d/%m/%Y") if isinstance(value, date | datetime) else str(value)
    if kind == "bool":
        return "ja" if value else "nee"
    return str(value)


def csv_value(value, kind: str) -> str:
    """The value in the CSV file: plain numbers with a decimal comma (Belgian Excel), ISO dates."""
    if value is MASKED:
        return "<5"
    if value is None:
        return ""
    if kind == "int":
        return str(int(value))
    if kind in ("percent", "rate"):
        return f"{value * 100:.1f}".replace(".", ",")
    if kind == "hours":
        return f"{value:.1f}".replace(".", ",")
    if kind == "date":
        return value.isoformat() if isinstance(value, date | datetime) else str(value)
    if kind == "bool":
        return "ja" if value else "nee"
    return str(value)


def csv_header(column: Column) -> str:
    unit = column.unit or {"percent": "%", "rate": "%", "hours": "uur"}.get(column.kind, "")
    return f"{column.label} ({unit})" if unit else column.label
