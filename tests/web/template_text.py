"""Find text in Jinja templates that a translator would never see: words outside _() / {% trans %}."""
import re
from html.parser import HTMLParser
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# Attributes a user reads or hears (screen readers); their text must be translatable too.
READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "aria-description"}
_COMMENT = re.compile(r"{#.*?#}", re.S)
_TRANS = re.compile(r"{%-?\s*trans\b.*?{%-?\s*endtrans\s*-?%}", re.S)
_STATEMENT = re.compile(r"{%.*?%}", re.S)
_EXPRESSION = re.compile(r"{{.*?}}", re.S)
_LETTER = re.compile(r"[^\W\d_]")
# A quoted literal inside a Jinja tag; flagged when it reads like a phrase (a space, or a capital first).
_LITERAL = re.compile(r"""(?P<before>[\w.]*\(\s*|,\s*|)(?P<quote>['"])(?P<text>(?:(?!(?P=quote)).)*)(?P=quote)""")
_GETTEXT_CALL = re.compile(r"(?:^|[^\w.])(?:_|gettext|ngettext|slip_)\(\s*$")
_PLURAL_ARGUMENT = re.compile(r"ngettext\(\s*(['\"])(?:(?!\1).)*\1\s*,\s*$")
_NOT_PROSE = re.compile(r"^(?:[\w.:/#%-]+|%[-.\d]*[sdf].*|\s*)$")
_CAMEL_CASE = re.compile(r"^[A-Z][a-z]+[A-Z]\w*$")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self._check(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._check(data)

    def _check(self, text: str):
        for piece in text.split("\x01"):
            piece = " ".join(piece.replace("\x02", " ").split())
            if _LETTER.search(piece):
                self.found.append(piece)


def _literals(tag: str) -> list[str]:
    """Phrase-like string literals in one Jinja tag that are not the message of a gettext call."""
    found = []
    for match in _LITERAL.finditer(tag):
        text = match["text"]
        if not _LETTER.search(text) or _CAMEL_CASE.match(text):
            continue
        if _NOT_PROSE.match(text) and not text[:1].isupper():
            continue
        before = tag[: match.start("quote")]
        if _GETTEXT_CALL.search(before) or _PLURAL_ARGUMENT.search(before):
            continue
        found.append(text)
    return found


def untranslated(source: str) -> list[str]:
    """Every piece of visible text in a template that does not go through gettext."""
    source = _TRANS.sub("\x01", _COMMENT.sub("", source))
    literals = [text for tag in re.findall(r"{[{%].*?[}%]}", source, re.S) for text in _literals(tag)]
    marked = _EXPRESSION.sub("\x02", _STATEMENT.sub("\x01", source))
    marked = re.sub(r"<(/?)\x02", r"<\1x", marked)  # a tag whose name is an expression: <{{ heading }}>
    collector = _TextCollector()
    collector.feed(marked)
    collector.close()
    return collector.found + literals


def scan(root: Path = TEMPLATES) -> dict[str, list[str]]:
    """template path -> untranslated pieces, for every template that has any."""
    result = {}
    for path in sorted(root.rglob("*.html")):
        found = untranslated(path.read_text(encoding="utf-8"))
        if found:
            result[str(path.relative_to(root))] = found
    return result
