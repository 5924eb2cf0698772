"""URL converters: an id in a URL is a database integer, or the URL matches no page (a 404)."""
from werkzeug.routing import IntegerConverter

# The largest PostgreSQL integer (and well inside SQLite's): a larger id cannot exist, and passing it
# to the database would fail with an overflow instead of "not found".
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """<int:...> that matches 0 .. MAX_ID only."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002 - werkzeug's names
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def install(app) -> None:
    """Before any blueprint is registered: every <int:...> in the app's routes is bounded."""
    app.url_map.converters["int"] = IdConverter
