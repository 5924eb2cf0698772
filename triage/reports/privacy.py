"""Per digihelper, counts under 5 are shown to coordinators only: the rule in one place for pages, CSV and JSON."""
import copy

MIN_SHOWN = 5
COUNT_FIELDS = ("closed", "successes", "open", "n")


def is_small(row: dict) -> bool:
    """A per-digihelper row that carries a count under MIN_SHOWN."""
    return any(isinstance(row.get(name), int) and not isinstance(row.get(name), bool)
               and row.get(name) < MIN_SHOWN for name in COUNT_FIELDS)


def split_small(rows) -> tuple[list, list]:
    """(rows that may be shown to everyone, rows only coordinators see)."""
    shown, hidden = [], []
    for row in rows:
        (hidden if is_small(row) else shown).append(row)
    return shown, hidden


def hide_small_digihelper_counts(data):
    """A copy of a summary without per-digihelper rows that carry a count under 5, wherever they sit.

    Rows are dropped from any list under a key named 'by_digihelper'; in lists of catalogue rows
    (dicts with "type": "digihelper"), the small "open" count becomes null.
    """
    data = copy.deepcopy(data)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "by_digihelper" and isinstance(value, list):
                    node[key] = [row for row in value if not (isinstance(row, dict) and is_small(row))]
                else:
                    walk(value)
            if node.get("type") == "digihelper" and isinstance(node.get("open"), int) \
                    and node["open"] < MIN_SHOWN:
                node["open"] = None
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return data
