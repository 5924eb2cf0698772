"""Klare taal: a Dutch readability score (Flesch-Douma) and the glossary of words citizens should not get.

Flesch-Douma = 206.835 - 0.93 * (words / sentence) - 77 * (syllables / word). Scores of 60 and more read
as "vrij makkelijk" (about B1); see docs/klare-taal.md for the bound the tests keep the slip within.
"""
import re
from dataclasses import dataclass

# Staff jargon -> the plain words a citizen gets instead. Tests keep these words out of the slip.
GLOSSARY = {
    "hulpvraag": "vraag om hulp",
    "leervraag": "vraag om iets te leren",
    "digihelper": "een helper voor computer en gsm",
    "doorverwijzing": "we sturen u naar ... / uw vraag is doorgegeven",
    "doorverwijzen": "sturen naar",
    "doorverwezen": "doorgegeven",
    "triage": "(niet gebruiken)",
    "intake": "gesprek aan de balie",
    "referentiecode": "code",
    "dossier": "uw vraag",
    "pool": "(niet gebruiken: een helper neemt uw vraag op)",
    "signposting": "(niet gebruiken)",
    "digitale inclusie": "(niet gebruiken)",
    "e-inclusie": "(niet gebruiken)",
    "aanbod": "hulp, cursus",
    "organisatie": "de naam van de plek",
}

# Vowel units of one syllable, longest first: 'ij' counts as a vowel; a diaeresis starts a new syllable.
_UNITS = ("aai", "ooi", "oei", "eeu", "ieu", "aa", "ee", "oo", "uu", "ie", "oe", "eu", "ui", "ou", "au", "ei",
          "ij")
_VOWELS = set("aeiouyáàâéèêíìîóòôúùû")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def syllables(word: str) -> int:
    """Dutch syllables by vowel units (at least 1: numbers and abbreviations count as one)."""
    word = word.lower().replace("ij", "\x00")
    count, i = 0, 0
    while i < len(word):
        char = word[i]
        if char == "\x00":
            count, i = count + 1, i + 1
        elif char in _VOWELS:
            unit = next((u for u in _UNITS if word.startswith(u, i)), char)
            count, i = count + 1, i + len(unit)
        elif char in "äëïöü":
            count, i = count + 1, i + 1
        else:
            i += 1
    return max(count, 1)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(units: list[str]) -> list[str]:
    """Split text units (headings, list items, paragraphs) into sentences; a unit is at least one."""
    found = []
    for unit in units:
        found.extend(part for part in _SENTENCE_END.split(" ".join(unit.split())) if words(part))
    return found


@dataclass(frozen=True)
class Score:
    flesch_douma: float
    words_per_sentence: float
    longest_sentence: int
    syllables_per_word: float
    sentences: int


def score(units: list[str]) -> Score:
    found = sentences(units)
    all_words = [w for s in found for w in words(s)]
    if not all_words:
        return Score(0.0, 0.0, 0, 0.0, 0)
    per_sentence = len(all_words) / len(found)
    per_word = sum(syllables(w) for w in all_words) / len(all_words)
    return Score(round(206.835 - 0.93 * per_sentence - 77 * per_word, 1), round(per_sentence, 1),
                 max(len(words(s)) for s in found), round(per_word, 2), len(found))


def jargon(text: str) -> list[str]:
    """Glossary words found in a text (whole words, any case)."""
    lowered = text.lower()
    return [term for term in GLOSSARY if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", lowered)]
