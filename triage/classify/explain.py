"""Short Dutch sentences, for counter staff, on the words that weighed most for a prediction."""
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from triage.catalogue.codes import THEMES
from triage.classify.text import BOUNDARY, NEGATION_SCOPE, NEGATORS, Token

# Function words that say nothing on their own; never quoted as a reason.
STOPWORDS = frozenset("""
de het een en of van op in is dat die te er haar zijn hij ze zij ik je jij we wij mijn met voor
aan bij om als maar nog al ook dan toch wel want door naar uit over tot zo
hem mij ons onze hun men meneer mevrouw dame man vrouw heeft heb hebben was wordt worden
kan kunnen wil zou gaat doet dit deze daar hier wat hoe wie waar wanneer welke
niet geen niks nu zegt vraagt ? !
""".split())
# A reason is quoted when it adds at least this much to the score, and at least this share
# of the strongest reason.
MIN_CONTRIBUTION = 0.025
MIN_SHARE = 0.4
KIND_COL, THEME_START = 0, 1
THEME_CODES = list(THEMES)


@dataclass
class Evidence:
    """One question's tokens, sparse row, lexicon hits and the model's weights."""

    text: str
    tokens: list[Token]
    cols: list[int]
    values: np.ndarray
    hits: list[tuple[str, str, int, int]]
    weights: np.ndarray
    space: object  # the FeatureSpace (not imported: features imports nothing from here)
    words: list[str] = field(init=False)
    readable_cols: np.ndarray = field(init=False)
    readable_values: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.words = [t.word for t in self.tokens]
        cols = np.asarray(self.cols, dtype=np.int64)
        # Word n-gram and lexicon columns only: char n-grams are not readable reasons.
        keep = (cols < self.space.char_offset) | (cols >= self.space.lexicon_offset)
        self.readable_cols = cols[keep]
        self.readable_values = self.values[keep]


def _locate(words: list[str], gram: str) -> tuple[int, int] | None:
    """First and last token index of a word n-gram (or 'niet>word') in the question."""
    if ">" in gram:
        target = gram.split(">", 1)[1]
        for i, word in enumerate(words):
            if word in NEGATORS:
                for j in range(i + 1, min(i + 1 + NEGATION_SCOPE, len(words))):
                    if words[j] in (BOUNDARY, "?") or words[j] in NEGATORS:
                        break
                    if words[j] == target:
                        return i, j
        return None
    parts = gram.split(" ")
    n = len(parts)
    for i in range(len(words) - n + 1):
        if words[i:i + n] == parts:
            return i, i + n - 1
    return None


@lru_cache(maxsize=20_000)
def _quotable(gram: str) -> bool:
    parts = gram.replace(">", " ").split(" ")
    if any(p in ("?", "!") or p.startswith("<") for p in parts):
        return False
    return not all(p in STOPWORDS for p in parts)


def _reasons(evidence: Evidence, columns: list[int], group: str, limit: int,
             sign: float = 1.0) -> list[str]:
    """Quoted spans of the question that pushed the summed weight columns up (sign -1: down)."""
    space = evidence.space
    weights = evidence.weights[evidence.readable_cols][:, columns].sum(axis=1)
    contributions = sign * evidence.readable_values * weights
    order = np.argsort(-contributions, kind="stable")
    names = space.word_names
    chosen: list[tuple[int, int]] = []
    best = None
    for position in order.tolist():
        contribution = float(contributions[position])
        if contribution < MIN_CONTRIBUTION or (best is not None and contribution < MIN_SHARE * best):
            break
        col = int(evidence.readable_cols[position])
        spans = []
        if col < space.char_offset:
            gram = names[col]
            where = _locate(evidence.words, gram) if _quotable(gram) else None
            spans = [where] if where else []
        elif space.lexicon_groups[col - space.lexicon_offset] == group:
            spans = [(first, end - 1) for hit, _, first, end in evidence.hits if hit == group]
        for first, last in spans:
            if not any(first <= b and a <= last for a, b in chosen):  # no overlapping quotes
                chosen.append((first, last))
                best = contribution if best is None else best
        if len(chosen) >= limit:
            break
    tokens = evidence.tokens
    return [f"'{evidence.text[tokens[a].start:tokens[b].end].strip()}'" for a, b in sorted(chosen[:limit])]


def _join(quotes: list[str]) -> str:
    return quotes[0] if len(quotes) == 1 else ", ".join(quotes[:-1]) + " en " + quotes[-1]


def _kind_sentence(evidence: Evidence, kind: str) -> str:
    # The kind model scores leervraag upwards; a hulpvraag's reasons pull the score down.
    sign = 1.0 if kind == "leervraag" else -1.0
    quotes = _reasons(evidence, [KIND_COL], f"soort:{kind}", limit=2, sign=sign)
    verb = "wijst" if len(quotes) == 1 else "wijzen"
    if kind == "leervraag":
        if quotes:
            return f"{_join(quotes)} {verb} op iets wat de burger zelf wil leren (leervraag)."
        return "De vraag lijkt op eerdere vragen van burgers die zelf iets willen leren (leervraag)."
    if quotes:
        return f"{_join(quotes)} {verb} op een probleem of taak die nu opgelost moet worden (hulpvraag)."
    return "De vraag lijkt op eerdere vragen om een probleem of taak nu op te lossen (hulpvraag)."


def explain(evidence: Evidence, kind: str, confidence: float, themes: list[str],
            low_confidence: float = 0.8) -> list[str]:
    """Two to four sentences: why this kind, why the first theme, a second theme, doubt."""
    sentences = [_kind_sentence(evidence, kind)]
    n_themes = len(THEME_CODES)
    for rank, code in enumerate(themes[:2]):
        index = THEME_CODES.index(code)
        columns = [THEME_START + index, THEME_START + n_themes + index]
        quotes = _reasons(evidence, columns, f"thema:{code}", limit=2 if rank == 0 else 1)
        label = THEMES[code]
        if rank == 0 and quotes:
            verb = "hoort" if len(quotes) == 1 else "horen"
            sentences.append(f"{_join(quotes)} {verb} bij het thema {label}.")
        elif rank == 0:
            sentences.append(f"Het thema {label} is een inschatting: geen woord wijst er duidelijk op.")
        elif quotes:
            sentences.append(f"{_join(quotes)} wijst ook op het thema {label}.")
        else:
            sentences.append(f"Misschien speelt ook het thema {label} mee.")
    if confidence < low_confidence:
        sentences.append("Twijfel: kijk de soort vraag zelf na.")
    return sentences
