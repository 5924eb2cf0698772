"""`flask triage batch`: one request a line in, one answer a line out, bad lines answered with an error."""
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from triage.catalogue.times import parse_datetime
from triage.matching.service import offer_index
from triage.referrals import pipeline
from triage.referrals.queries import current_load

PROGRESS_FROM = 200  # lines; shorter files need no progress bar


def parse_now(text: str | None) -> datetime:
    if not text:
        return datetime.now(UTC)
    try:
        return parse_datetime(text)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"ongeldige datum en tijd '{text}' (bv. 2026-12-01T09:00:00)") from exc


def answer_line(line: str, now: datetime, index, load) -> dict:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        return {"id": None, "error": "geen geldige JSON"}
    request_id = obj.get("id") if isinstance(obj, dict) else None
    if not isinstance(obj, dict):
        return {"id": None, "error": "de regel moet een JSON-object zijn"}
    data, errors = pipeline.parse_input({k: v for k, v in obj.items() if k != "id"})
    if errors:
        return {"id": request_id, "error": "; ".join(errors)}
    return {"id": request_id, **pipeline.run(data, now=now, index=index, load=load)}


def run_batch(infile: Path, outfile: Path, now_text: str | None) -> tuple[int, int]:
    """Returns (lines answered, lines with an error). The catalogue and its load are read once."""
    now = parse_now(now_text)
    lines = [line for line in infile.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    index, load = offer_index(), current_load()
    failed = 0
    with outfile.open("w", encoding="utf-8") as out, click.progressbar(
            lines, label="Vragen", file=sys.stderr, show_pos=True,
            hidden=len(lines) < PROGRESS_FROM) as bar:
        for line in bar:
            answer = answer_line(line, now, index, load)
            failed += "error" in answer
            out.write(json.dumps(answer, ensure_ascii=False) + "\n")
    return len(lines), failed
