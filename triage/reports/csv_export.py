"""A report table as a CSV file that Belgian Excel opens right: UTF-8 with a BOM, semicolons."""
import csv
import io
import re

from triage.reports.tables import Table, csv_header, csv_value

BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet: prefix it so it stays text.
_FORMULA = re.compile(r"^[=+\-@\t\r]")


def _safe(text: str) -> str:
    if _FORMULA.match(text) and not re.fullmatch(r"-?\d+(,\d+)?", text):
        return "'" + text
    return text


def to_csv(table: Table) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_safe(csv_header(c)) for c in table.columns])
    for row in table.rows:
        cells = zip(row, table.columns, strict=True)
        writer.writerow([_safe(csv_value(value, column.kind)) for value, column in cells])
    return out.getvalue()


def filename(table: Table, start, end) -> str:
    """rapport-slaagkans-thema-2026-04-01-2026-04-30.csv"""
    return f"rapport-{table.slug}-{start.isoformat()}-{end.isoformat()}.csv"
