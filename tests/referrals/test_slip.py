"""The citizen's slip: in the citizen's language (right to left for Arabic), in plain Dutch, without jargon."""
import html
import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.intake.test_counter_pages import log
from triage.referrals import readability
from triage.referrals.slip import TRANSLATIONS, available_languages

# The bound the Dutch slip keeps (docs/klare-taal.md): Flesch-Douma of at least 65 ("vrij makkelijk", B1),
# sentences of 10 words on average, none longer than 15 words.
MIN_FLESCH_DOUMA = 65
MAX_WORDS_PER_SENTENCE = 10
MAX_SENTENCE = 15
HEADINGS = {"nl": "Wat gebeurt er nu?", "fr": "Que se passe-t-il maintenant\u00a0?", "en": "What happens now?",
            "ar": "ماذا سيحدث الآن؟", "uk": "Що буде далі?", "tr": "Şimdi ne olacak?"}


def slip_html(client, reference, taal=None):
    response = client.get(f"/balie/vraag/{reference}/briefje" + (f"?taal={taal}" if taal else ""))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def slips(page: str) -> list[tuple[dict, str]]:
    """(attributes, inner html) of every <main>/<section> slip on the page, in order."""
    found = []
    for match in re.finditer(r'<main class="slip[^"]*"([^>]*)>(.*?)</main>', page, re.S):
        found.append((dict(re.findall(r'(\w+)="([^"]*)"', match[1])), match[2]))
    return found


def citizen_text_units(inner: str) -> list[str]:
    """What we wrote for the citizen: headings, paragraphs and list items, without their own question,
    the place's name and address (proper names) or the code."""
    inner = re.sub(r'<div class="slip-place">.*?</div>', " ", inner, flags=re.S)
    inner = re.sub(r'<p class="slip-question"[^>]*>.*?</p>', " ", inner, flags=re.S)
    inner = re.sub(r"<bdi[^>]*>.*?</bdi>", " ", inner, flags=re.S)
    units = re.findall(r"<(h1|h2|p|li)\b[^>]*>(.*?)</\1>", inner, re.S)
    texts = [html.unescape(re.sub(r"<[^>]+>", " ", body)) for _tag, body in units]
    return [" ".join(t.split()) for t in texts if t.strip()]


def referred(client, target=None, kind="hulpvraag", **contact):
    reference = log(client, **contact)
    if kind == "leervraag":
        client.post(f"/balie/vraag/{reference}/indeling", data={"kind": "leervraag", "theme": "computer"})
    if target == "pool":
        client.post(f"/balie/vraag/{reference}/pool")
    elif target == "gap":
        client.post(f"/balie/vraag/{reference}/tekort")
    elif target:
        client.post(f"/balie/vraag/{reference}/doorverwijzen", data={"target": target})
    return reference


CASES = {
    "digihelper, phone": ("digihelper:dh-an", "hulpvraag",
                          {"contact_phone": "0470 12 34 56", "contact_consent": "y"}),
    "digihelper, e-mail": ("digihelper:dh-an", "hulpvraag",
                           {"contact_email": "burger@example.be", "contact_consent": "y"}),
    "digihelper, no contact": ("digihelper:dh-an", "hulpvraag", {}),
    "course": ("course:c-pc", "leervraag", {}),
    "organisation": ("organisation:org-bib", "hulpvraag", {}),
    "pool": ("pool", "hulpvraag", {"contact_phone": "0470 12 34 56", "contact_consent": "y"}),
    "gap": ("gap", "hulpvraag", {}),
}


@pytest.mark.parametrize("case", CASES)
def test_the_dutch_slip_is_plain_language(app, counter, case):
    target, kind, contact = CASES[case]
    page = slip_html(counter, referred(counter, target, kind, **contact))
    (attributes, inner), = slips(page)
    assert attributes["lang"] == "nl-BE" and attributes["dir"] == "ltr"
    units = citizen_text_units(inner)
    result = readability.score(units)
    assert result.flesch_douma >= MIN_FLESCH_DOUMA, (result, units)
    assert result.words_per_sentence <= MAX_WORDS_PER_SENTENCE, (result, units)
    assert result.longest_sentence <= MAX_SENTENCE, (result, units)
    assert readability.jargon(" ".join(units)) == [], units


def test_no_contact_means_come_back_or_call(app, counter):
    units = " ".join(citizen_text_units(slips(slip_html(counter, referred(counter, "digihelper:dh-an")))[0][1]))
    assert "U gaf ons geen telefoonnummer." in units and "terug naar de balie" in units
    assert "belt u" not in units


def test_the_slip_follows_the_citizens_language_with_a_dutch_copy(app, counter):
    reference = referred(counter, "pool", language="ar", contact_phone="0470 12 34 56", contact_consent="y")
    page = slip_html(counter, reference)
    (arabic, inner), (dutch, copy) = slips(page)
    assert arabic["lang"] == "ar" and arabic["dir"] == "rtl"
    assert HEADINGS["ar"] in inner and "سيتولى أحد المساعدين سؤالك." in inner
    # The code and phone numbers stay left to right inside the Arabic text.
    assert re.search(rf'<bdi dir="ltr"><strong>{reference}</strong></bdi>', inner)
    assert dutch["lang"] == "nl-BE" and HEADINGS["nl"] in copy
    assert '<img class="slip-logo" src="/static/logo.svg" alt="Dijlegem">' in inner
    # The staff's tools stay in the staff's language, and offer every language, Dutch included.
    assert "Terug naar de vraag" in page and 'hreflang="nl"' in page and 'aria-current="page">العربية' in page


@pytest.mark.parametrize("language", ["fr", "en", "ar", "uk", "tr"])
def test_staff_can_print_the_slip_in_another_language(app, counter, language):
    reference = referred(counter, "course:c-pc", "leervraag")
    (attributes, inner), _copy = slips(slip_html(counter, reference, taal=language))
    assert attributes["lang"].split("-")[0] == language and HEADINGS[language] in inner
    assert ("rtl" if language == "ar" else "ltr") == attributes["dir"]


def test_an_arabic_slip_names_the_place_and_keeps_its_phone_left_to_right(app, counter):
    reference = referred(counter, "organisation:org-bib")
    (attributes, inner), _copy = slips(slip_html(counter, reference, taal="ar"))
    assert attributes["dir"] == "rtl" and "اذهب بهذه الورقة إلى Bib Dijlegem." in inner
    assert "العنوان: Kerkstraat 1, 2800 Dijlegem" in inner


def test_dates_and_prices_follow_the_language(app, counter):
    reference = referred(counter, "course:c-pc", "leervraag")
    french = slips(slip_html(counter, reference, taal="fr"))[0][1]
    assert "Le premier cours a lieu le samedi 10 janvier 2099 à 10h00." in html.unescape(french)
    assert "Le cours est gratuit." in french


@pytest.mark.parametrize("taal", ["xx", "", "NL", "../../etc", "ru"])
def test_an_unknown_language_falls_back_to_dutch(app, counter, taal):
    reference = referred(counter, "digihelper:dh-an")
    (attributes, inner), = slips(slip_html(counter, reference, taal=taal))
    assert attributes["lang"] == "nl-BE" and "An helpt u verder." in inner


def test_a_citizen_language_without_a_slip_gets_dutch(app, counter):
    reference = referred(counter, "digihelper:dh-an", language="ru")
    (attributes, _inner), = slips(slip_html(counter, reference))
    assert attributes["lang"] == "nl-BE"


def _slip_messages() -> set[str]:
    root = TRANSLATIONS.parent.parent
    method_map = [("templates/counter/slip.html", "jinja2"), ("triage/referrals/slip.py", "python")]
    return {m[2] for m in extract_from_dir(str(root), method_map, keywords={"slip_": None})}


def test_every_slip_language_translates_every_text_with_the_same_placeholders():
    messages = _slip_messages()
    assert len(messages) > 30 and "Wat neemt u mee?" in messages
    placeholders = re.compile(r"%\(\w+\)s")
    assert set(available_languages()) >= {"nl", "fr", "en", "ar", "uk", "tr"}
    for language in set(available_languages()) - {"nl"}:
        with (TRANSLATIONS / language / "LC_MESSAGES" / "slip.po").open("rb") as handle:
            catalog = read_po(handle)
        translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
        assert messages - set(translated) == set(), language
        for message in messages:
            assert sorted(placeholders.findall(message)) == sorted(placeholders.findall(translated[message])), \
                (language, message)
