"""Light Flemish/Dutch text normalisation and the n-gram analysers the features are built on."""
import re
import unicodedata
from typing import NamedTuple

# Spoken Flemish, chat spelling and frequent typos mapped to one written form. Keys are
# single normalised tokens; a value may hold several words.
SPOKEN_FORMS = {
    "nie": "niet", "ni": "niet", "nikske": "niks", "nix": "niks", "niets": "niks",
    "da": "dat", "dak": "dat ik", "dadde": "dat", "wa": "wat", "iet": "iets", "ietske": "iets",
    "k": "ik", "kheb": "ik heb", "kwil": "ik wil", "kan'k": "kan ik", "kzou": "ik zou",
    "ge": "je", "gij": "jij", "kunde": "kun je", "hebde": "heb je", "zijde": "ben je", "moete": "moet je",
    "wilde": "wil je", "weette": "weet je", "uw": "je",
    "mo": "maar", "efkes": "even", "eventjes": "even", "ff": "even", "evekes": "even",
    "nen": "een", "ne": "een", "n": "een", "ene": "een", "t": "het", "tis": "het is",
    "da's": "dat is", "das": "dat is", "zo'n": "zo een", "mijne": "mijn", "zijne": "zijn",
    "ier": "hier", "dees": "deze", "allee": "", "amai": "", "awel": "", "euh": "",
    "gene": "geen", "genen": "geen", "kunne": "kunnen", "wete": "weten",
    "lere": "leren", "leere": "leren", "oefene": "oefenen", "gebruike": "gebruiken",
    "gaat'r": "gaat er", "wilt": "wil", "kunt": "kan", "rap": "snel",
    "gsmke": "gsm", "gsm'ke": "gsm", "appke": "app", "app'ke": "app", "mailke": "mail",
    "briefke": "brief", "computerke": "computer", "laptopke": "laptop", "kaartje": "kaart",
    "smartphone": "gsm", "telefoon": "gsm", "telefoontje": "gsm", "gsm's": "gsm", "smartphones": "gsm",
    "gsms": "gsm", "telefoons": "gsm", "iphone": "gsm iphone", "android": "gsm android",
    "pc": "computer", "pc's": "computer", "komputer": "computer", "computers": "computer",
    "ipad": "tablet ipad", "tablets": "tablet",
    "email": "mail", "emails": "mail", "mails": "mail", "mailtje": "mail", "mailen": "mail",
    "emailadres": "mailadres",
    "paswoord": "wachtwoord", "passwoord": "wachtwoord", "password": "wachtwoord",
    "pasword": "wachtwoord", "wachtwoorden": "wachtwoord", "wachtwoort": "wachtwoord",
    "wifie": "wifi", "wiefie": "wifi",
    "whatsap": "whatsapp", "watsapp": "whatsapp", "wattsapp": "whatsapp", "whatsup": "whatsapp",
    "watsap": "whatsapp", "fb": "facebook", "facebok": "facebook", "fesbook": "facebook",
    "fishing": "phishing", "phising": "phishing", "fising": "phishing", "fisching": "phishing",
    "belfuis": "belfius", "itsmee": "itsme", "myminfim": "myminfin",
    "identiteitskaart": "eid", "idkaart": "eid",
    "pin": "pincode", "pincodes": "pincode", "pinkode": "pincode",
    "kursus": "cursus", "cursussen": "cursus", "lessen": "les", "lesje": "les", "lessenreeks": "les",
    "workshops": "workshop", "opleidingen": "opleiding",
    "aanleren": "leren", "bijleren": "leren", "leert": "leren", "geleerd": "leren", "leer": "leren",
    "oefent": "oefenen", "geoefend": "oefenen", "oefening": "oefenen", "oefeningen": "oefenen",
    "asap": "dringend", "dringent": "dringend", "drinegnd": "dringend",
    "vanmiddag": "vandaag", "vanavond": "vandaag", "direct": "meteen",
    "onmiddellijk": "meteen",
    "stuk": "kapot", "gebroken": "kapot",
    "geblokeerd": "geblokkeerd", "geblockeerd": "geblokkeerd", "blokkeert": "geblokkeerd",
}

# Multi-word and punctuation-bound variants, rewritten on the whole string before tokenising.
PHRASES = [
    (r"\bit'?s\s*me\b", "itsme"),
    (r"\btax[\s-]*on[\s-]*web\b", "taxonweb"),
    (r"\bmy[\s-]*minfin\b", "myminfin"),
    (r"\bmy[\s-]*pension\b", "mypension"),
    (r"\be[\s-]*box\b", "ebox"),
    (r"\be[\s-]*loket\b", "eloket"),
    (r"\be[\s-]*mail", "mail"),
    (r"\bburger[\s-]*profiel\b", "burgerprofiel"),
    (r"\bgroei[\s-]*pakket\b", "groeipakket"),
    (r"\bde[\s-]*lijn\b", "delijn"),
    (r"\bsmart[\s-]*school\b", "smartschool"),
    (r"\bpay[\s-]*conic?q\b", "payconiq"),
    (r"\brecycle\s*!?(?:[\s-]*app)?", "recycle app"),
    (r"\bmijn[\s-]*gezondheid\b", "mijngezondheid"),
    (r"\bmijn[\s-]*verbouw[\s-]*premie\b", "mijnverbouwpremie"),
    (r"\bwhats[\s-]+app\b", "whatsapp"),
    (r"\bwi[\s-]+fi\b", "wifi"),
    (r"\be[\s-]+id\b", "eid"),
    (r"\bid[\s-]+kaart\b", "eid"),
    (r"\bu\s*s\s*b\b", "usb"),
]
# One pass over all phrases: the first alternative that matches at a position wins.
_PHRASE = re.compile("|".join(f"(?P<p{i}>{pattern})" for i, (pattern, _) in enumerate(PHRASES)))
_REPLACEMENT = {f"p{i}": repl for i, (_, repl) in enumerate(PHRASES)}
_QUOTES = {"\u2019": "'", "\u2018": "'", "`": "'"}
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[?!]|[,.;:()](?!\d)")
# A clause boundary: no n-gram or negation scope crosses it.
BOUNDARY = "|"
NEGATORS = frozenset({"niet", "niks", "geen", "nooit", "hoeft", "zonder"})
NEGATION_SCOPE = 3
# Numbers that name a service, kept as they are (4411 is the SMS parking number).
KEPT_NUMBERS = frozenset({"4411", "112", "1700", "c4"})


class Token(NamedTuple):
    """A normalised word and the slice of the original question it came from."""

    word: str
    start: int
    end: int


def strip_accents(text: str) -> str:
    """'één' -> 'een', 'financiële' -> 'financiele'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _folded(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """Lowercase, accents off, with for each output character its span in the original
    (None when that is the character itself, as for plain ASCII)."""
    if text.isascii():
        return text.lower().replace("`", "'"), None
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        for part in strip_accents(_QUOTES.get(ch, ch).lower()):
            chars.append(part)
            spans.append((i, i + 1))
    return "".join(chars), spans


def _substitute_phrases(text: str, spans: list | None) -> tuple[str, list | None]:
    """Rewrite PHRASES, keeping the character-to-original spans; new text maps to the match."""
    matches = list(_PHRASE.finditer(text))
    if not matches:
        return text, spans
    if spans is None:
        spans = [(i, i + 1) for i in range(len(text))]
    out_text: list[str] = []
    out_spans: list[tuple[int, int]] = []
    last = 0
    for match in matches:
        start, end = match.span()
        repl = _REPLACEMENT[match.lastgroup]
        out_text.append(text[last:start])
        out_spans.extend(spans[last:start])
        out_text.append(repl)
        out_spans.extend([(spans[start][0], spans[end - 1][1])] * len(repl))
        last = end
    out_text.append(text[last:])
    out_spans.extend(spans[last:])
    return "".join(out_text), out_spans


def analyse(text: str) -> list[Token]:
    """The normalised tokens of a question, each with its place in the original text."""
    folded, spans = _substitute_phrases(*_folded(text))
    out: list[Token] = []
    for match in _TOKEN.finditer(folded):
        raw = match.group()
        word = SPOKEN_FORMS.get(raw, raw)
        if raw in ",.;:()":
            word = BOUNDARY
        elif word.isdigit() and word not in KEPT_NUMBERS:
            word = "<getal>" if len(word) != 4 else "<jaartal>"
        if spans is None:
            start, end = match.span()
        else:
            start, end = spans[match.start()][0], spans[match.end() - 1][1]
        for part in word.split():
            out.append(Token(part, start, end))
    return out


def normalise(text: str) -> str:
    """Lowercase, accents off, brand spellings and spoken forms folded to one written form."""
    return " ".join(token.word for token in analyse(text))


def word_ngrams(words: list[str], ngram_range: tuple[int, int] = (1, 2),
                negation: bool = True) -> list[str]:
    """Word n-grams within clauses, joined by spaces; with negation, 'niet>leren' for a word
    that follows a negation closely ('wil niet leren', 'hoeft niks te leren')."""
    low, high = ngram_range
    grams = [w for w in words if w != BOUNDARY] if low <= 1 else []
    for n in range(max(low, 2), high + 1):
        for i in range(len(words) - n + 1):
            gram = words[i:i + n]
            if BOUNDARY not in gram:
                grams.append(" ".join(gram))
    if negation:
        grams.extend(negated(words))
    return grams


def negated(words: list[str]) -> list[str]:
    """'niet>word' for each word up to NEGATION_SCOPE words after a negator, within the clause."""
    out = []
    for i, word in enumerate(words):
        if word not in NEGATORS:
            continue
        for follower in words[i + 1:i + 1 + NEGATION_SCOPE]:
            if follower == BOUNDARY or follower == "?" or follower in NEGATORS:
                break
            out.append(f"niet>{follower}")
    return out


def char_wb_ngrams(words: list[str], ngram_range: tuple[int, int] = (2, 5)) -> list[str]:
    """Character n-grams inside word boundaries, as scikit-learn's 'char_wb' analyser makes them."""
    low, high = ngram_range
    grams: list[str] = []
    for word in words:
        if word == BOUNDARY:
            continue
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            offset = 0
            grams.append(padded[offset:offset + n])
            while offset + n < length:
                offset += 1
                grams.append(padded[offset:offset + n])
            if offset == 0:  # the word is shorter than n: sklearn stops growing n here
                break
    return grams
