"""Charts drawn on the server as accessible SVG: a title, a description, numbers as text, patterns beside colour."""
from markupsafe import Markup, escape

WIDTH = 480
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"'
INK = "#1b1b1b"
GRID = "#8a8a8a"
# Each series has a colour (3:1 or more on white), a fill pattern and a line style, so that a black-and-white
# print or a reader who cannot tell the colours apart still sees which is which.
SERIES = [
    {"colour": "#00558c", "pattern": None, "dash": None, "marker": "circle"},
    {"colour": "#a34700", "pattern": "diagonal", "dash": "8 4", "marker": "square"},
    {"colour": "#1d6b36", "pattern": "dots", "dash": "2 4", "marker": "triangle"},
    {"colour": "#6b2c91", "pattern": "cross", "dash": "12 4 2 4", "marker": "diamond"},
    {"colour": "#1b1b1b", "pattern": "horizontal", "dash": "4 2", "marker": "circle-open"},
]
LABEL_CHARS = 40


def fmt_number(value) -> str:
    """1234 -> '1.234', 3.25 -> '3,3' (Belgian notation)."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


def fmt_percent(share) -> str:
    """0.724 -> '72%'; None -> '–'."""
    if share is None:
        return "–"
    return f"{round(share * 100)}%"


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _nice_max(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above value (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _defs(chart_id: str) -> str:
    """Fill patterns for the series after the first; ids carry the chart id (SVG ids are page-wide)."""
    parts = []
    for index, series in enumerate(SERIES):
        colour, kind = series["colour"], series["pattern"]
        if kind is None:
            continue
        pid = f"{chart_id}-p{index}"
        if kind == "diagonal":
            body = (f'<rect width="6" height="6" fill="#fff"/>'
                    f'<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="{colour}" stroke-width="2"/>')
        elif kind == "dots":
            body = f'<rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.6" fill="{colour}"/>'
        elif kind == "cross":
            body = (f'<rect width="6" height="6" fill="#fff"/>'
                    f'<path d="M0,3 h6 M3,0 v6" stroke="{colour}" stroke-width="1.5"/>')
        else:
            body = f'<rect width="6" height="6" fill="#fff"/><path d="M0,3 h6" stroke="{colour}" stroke-width="2"/>'
        parts.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">{body}</pattern>')
    return f"<defs>{''.join(parts)}</defs>" if parts else ""


def _fill(chart_id: str, index: int) -> str:
    series = SERIES[index % len(SERIES)]
    if series["pattern"] is None:
        return f'fill="{series["colour"]}"'
    return f'fill="url(#{chart_id}-p{index % len(SERIES)})" stroke="{series["colour"]}" stroke-width="1.5"'


def _frame(chart_id: str, title: str, desc: str, height: int, body: str, defs: str = "") -> Markup:
    # Every text that reaches the markup went through escape() (in _text or here); numbers and ids are ours.
    return Markup(  # noqa: S704
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'id="{chart_id}" {FONT} font-size="15" fill="{INK}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{defs}{body}</svg>')


def _text(x, y, text, anchor="start", weight=None, size=None) -> str:
    extra = (f' font-weight="{weight}"' if weight else "") + (f' font-size="{size}"' if size else "")
    return f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _legend(chart_id: str, names, y: float) -> tuple[list[str], float]:
    """One legend line per series: its swatch (colour and pattern) and its name. Returns the parts and the next y."""
    parts = []
    for s, name in enumerate(names):
        parts.append(f'<rect x="0" y="{y:.1f}" width="18" height="18" {_fill(chart_id, s)}/>')
        parts.append(_text(26, y + 14, name, weight="600"))
        y += 26
    return parts, y


def bar_chart(chart_id: str, title: str, desc: str, rows, max_value: float | None = None) -> Markup:
    """Horizontal bars, each with its label above it and its number beside it.

    rows: (label, value or None, text printed beside the bar); None draws no bar, only the text.
    """
    rows = list(rows)
    bar_width, row_h = 300, 48
    height = row_h * max(len(rows), 1) + 4
    biggest = max_value or max([v for _, v, _ in rows if v] or [1])
    body = []
    for i, (label, value, text) in enumerate(rows):
        y = i * row_h
        body.append(_text(0, y + 16, _short(label, 60)))
        length = 0 if not value else max(2.0, bar_width * value / biggest)
        body.append(f'<line x1="0" y1="{y + 21}" x2="0" y2="{y + 45}" stroke="{INK}"/>')
        if length:
            body.append(f'<rect x="0" y="{y + 22}" width="{length:.1f}" height="22" {_fill(chart_id, 0)}/>')
        body.append(_text(length + 6, y + 38, text, weight="600"))
    return _frame(chart_id, title, desc, height, "".join(body))


def stacked_bar(chart_id: str, title: str, desc: str, parts) -> Markup:
    """One bar split into its parts (e.g. hulpvraag and leervraag); below it each part's name, number and share."""
    parts = [(label, value or 0) for label, value in parts]
    total = sum(v for _, v in parts) or 1
    body, x = [], 0.0
    for i, (_label, value) in enumerate(parts):
        length = (WIDTH - 2) * value / total
        if length:
            body.append(f'<rect x="{x:.1f}" y="1" width="{length:.1f}" height="34" {_fill(chart_id, i)}/>')
        x += length
    legend, height = _legend(chart_id, [f"{label}: {fmt_number(value)} ({fmt_percent(value / total)})"
                                        for label, value in parts], 48)
    return _frame(chart_id, title, desc, int(height), "".join(body + legend), _defs(chart_id))


def grouped_bars(chart_id: str, title: str, desc: str, categories, series, value_text=None) -> Markup:
    """Bars in groups: per category its name, then one bar per series, each with its number and series name.

    series: [(name, [value per category])]; value_text(value, name) -> the words beside a bar.
    """
    value_text = value_text or (lambda value, name: f"{fmt_number(value or 0)} {name.lower()}")
    categories = list(categories)
    series = list(series)
    bar_width, bar_h = 270, 20
    body, y = _legend(chart_id, [name for name, _ in series], 0)
    y += 6
    biggest = max([v for _, values in series for v in values if v] or [1])
    for c, category in enumerate(categories):
        body.append(_text(0, y + 15, _short(category, 60), weight="600"))
        y += 21
        body.append(f'<line x1="0" y1="{y:.1f}" x2="0" y2="{y + bar_h * len(series):.1f}" stroke="{INK}"/>')
        for s, (name, values) in enumerate(series):
            value = values[c] if c < len(values) else 0
            length = 0 if not value else max(2.0, bar_width * value / biggest)
            if length:
                body.append(f'<rect x="0" y="{y + 1:.1f}" width="{length:.1f}" height="{bar_h - 2}" '
                            f'{_fill(chart_id, s)}/>')
            body.append(_text(length + 5, y + bar_h - 5, value_text(value, name), size="13"))
            y += bar_h
        y += 10
    return _frame(chart_id, title, desc, int(y), "".join(body), _defs(chart_id))


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "triangle":
        return f'<path d="M{x:.1f},{y - 5:.1f} l5,9 h-10 z" fill="{colour}"/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f},{y - 5:.1f} l5,5 l-5,5 l-5,-5 z" fill="{colour}"/>'
    if kind == "circle-open":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#fff" stroke="{colour}" stroke-width="2"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def line_chart(chart_id: str, title: str, desc: str, x_labels, series, label_every: int | None = None) -> Markup:
    """Trend lines over periods. series: [(name, [value per period])]. Each line has its own dash and marker, and
    the legend under the chart draws both beside the name and the last value, so no line is known by colour."""
    x_labels = [str(x) for x in x_labels]
    series = list(series)
    left, right, top, plot_h = 44, WIDTH - 12, 12, 180
    points = max(len(x_labels), 1)
    biggest = _nice_max(max([v or 0 for _, values in series for v in values] or [0]))
    step = (right - left) / max(points - 1, 1)
    body = []
    for tick in (0, biggest / 2, biggest):
        y = top + plot_h - plot_h * tick / biggest
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.5"/>')
        body.append(_text(left - 6, y + 4, fmt_number(tick), "end", size="12"))
    body.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{right}" y2="{top + plot_h}" stroke="{INK}"/>')
    every = label_every or max(1, -(-points // 6))
    for i, label in enumerate(x_labels):
        if i % every == 0:
            x = left + i * step
            body.append(f'<line x1="{x:.1f}" y1="{top + plot_h}" x2="{x:.1f}" y2="{top + plot_h + 4}" stroke="{INK}"/>')
            anchor = "start" if i == 0 and points > 1 else "end" if i == points - 1 and points > 1 else "middle"
            body.append(_text(x, top + plot_h + 18, label, anchor, size="12"))
    y = top + plot_h + 36
    for s, (name, values) in enumerate(series):
        style = SERIES[s % len(SERIES)]
        coords = [(left + i * step, top + plot_h - plot_h * (v or 0) / biggest) for i, v in enumerate(values)]
        if not coords:
            continue
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in coords)
        body.append(f'<polyline points="{path}" fill="none" stroke="{style["colour"]}" stroke-width="2.5"{dash}/>')
        if len(coords) <= 40:
            body.extend(_marker(style["marker"], x, yy, style["colour"]) for x, yy in coords)
        # The legend line: a piece of this line with its marker, then the name and the last value.
        body.append(f'<line x1="0" y1="{y - 5}" x2="34" y2="{y - 5}" stroke="{style["colour"]}" stroke-width="2.5"'
                    f'{dash}/>')
        body.append(_marker(style["marker"], 17, y - 5, style["colour"]))
        body.append(_text(42, y, f"{_short(name, 40)} (laatste: {fmt_number(values[-1] or 0)})", weight="600"))
        y += 24
    return _frame(chart_id, title, desc, int(y - 8), "".join(body))


def describe_top(rows, unit: str = "", limit: int = 3) -> str:
    """'Meeste: Computer (42), Smartphone (30), Bank (12).' for a chart's description."""
    ranked = sorted(((label, value) for label, value in rows if value), key=lambda r: -r[1])[:limit]
    if not ranked:
        return "Geen gegevens."
    items = ", ".join(f"{label} ({fmt_number(value)}{unit})" for label, value in ranked)
    return f"Meeste: {items}."
