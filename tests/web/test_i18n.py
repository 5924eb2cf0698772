"""The staff UI goes through gettext: no bare text in templates, and a catalogue translates it, no code."""
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo

from tests.conftest import login, settings_for, text_of
from tests.web.template_text import scan, untranslated
from triage import create_app

ROOT = Path(__file__).resolve().parents[2]
# Literals that look like prose to the checker but are not text a user reads.
NOT_TEXT = {"button secondary"}
PSEUDO = re.compile(r"⟦[^⟧]*⟧")


def _extract(keywords=("_", "gettext", "ngettext:1,2", "lazy_gettext", "_l")):
    spec = {}
    for word in keywords:
        name, _, args = word.partition(":")
        spec[name] = tuple(int(a) for a in args.split(",")) if args else None
    method_map = [("templates/**.html", "jinja2"), ("triage/**.py", "python")]
    return [message for _file, _line, message, _comments, _context in
            extract_from_dir(str(ROOT), method_map, keywords=spec)]


@pytest.fixture(scope="module")
def staff_messages():
    return _extract()


def test_the_checker_flags_bare_text_and_accepts_wrapped_text():
    assert untranslated("<h1>Balie</h1><a title='Terug'>{{ _('Start') }}</a>") == ["Balie", "Terug"]
    assert untranslated("{{ x or 'nog nooit' }}{{ _('Klaar') }}{% trans %}Hallo{% endtrans %}") == ["nog nooit"]
    assert untranslated("{{ ngettext('%(num)s vraag', '%(num)s vragen', n) }}<p>{{ name }}</p>") == []


def test_every_text_in_the_templates_goes_through_gettext():
    leftovers = {path: [text for text in found if text not in NOT_TEXT] for path, found in scan().items()}
    assert {path: found for path, found in leftovers.items() if found} == {}


def test_extraction_finds_the_templates_and_python_texts(staff_messages):
    singles = {m for m in staff_messages if isinstance(m, str)}
    plurals = {m[0] for m in staff_messages if isinstance(m, tuple)}
    assert {"Aanmelden", "Ga naar de inhoud", "Nieuwe vraag", "Account van %(name)s"} <= singles
    assert "Er staat %(num)s open vraag voor jou klaar." in plurals
    assert len(singles) > 300


def _pseudo_catalogue(messages, directory: Path) -> None:
    """An 'en' catalogue that brackets every text: whatever shows unbracketed was never translated."""
    catalog = Catalog(locale="en", domain="messages")
    for message in messages:
        if isinstance(message, tuple):
            catalog.add(message, tuple(f"⟦{m}⟧" for m in message[:2]))
        else:
            catalog.add(message, f"⟦{message}⟧")
    target = directory / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)


@pytest.fixture
def pseudo_app(app, tmp_path, staff_messages):
    """The same database as `app`, with an extra 'en' catalogue dropped in: no code changed."""
    directory = tmp_path / "translations"
    _pseudo_catalogue(staff_messages, directory)
    return create_app(settings_for(Path(app.instance_path), BABEL_TRANSLATION_DIRECTORIES=str(directory)))


def test_a_dropped_in_catalogue_translates_the_login_page(pseudo_app):
    client = pseudo_app.test_client()
    assert pseudo_app.config["UI_LANGUAGES"] == ["nl", "en"]
    dutch = text_of(client.get("/login"))
    english = text_of(client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9,nl;q=0.5"}))
    assert "Aanmelden" in dutch and "⟦" not in dutch
    assert "⟦Aanmelden⟧" in english
    # Everything a user reads is bracketed, except the town's name (configuration, not UI text).
    assert _untranslated_words(english) == ["Dijlegem"]


def _untranslated_words(page: str) -> list[str]:
    return [word for word in PSEUDO.sub(" ", page).split() if re.search(r"[^\W\d_]", word)]


def test_unknown_languages_fall_back_to_dutch(pseudo_app):
    client = pseudo_app.test_client()
    page = text_of(client.get("/login", headers={"Accept-Language": "de-DE, tlh;q=0.8"}))
    assert "Meld je aan met het e-mailadres en wachtwoord van je account." in page


def test_a_translated_staff_page_shows_no_dutch_left(pseudo_app, make_user):
    client = pseudo_app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert login(client, make_user("balie")).status_code == 302
    page = text_of(client.get("/balie/nieuw"))
    assert "⟦Nieuwe vraag⟧" in page
    assert {"⟦Huisbezoek⟧", "⟦Nieuwkomer⟧", "⟦E-mailadres⟧"} <= set(page.split())
    # Left in Dutch on purpose: the account's name and role, and the code lists shared with the reports
    # (languages, needs); see docs/klare-taal.md.
    leftover = set(_untranslated_words(page)) - {"Dijlegem", "Balie", "(Baliemedewerker)", "Nederlands", "Frans"}
    assert not leftover & {"Vraag", "vraag", "Postcode", "Naam", "Telefoon", "Senior", "opslaan"}


def test_template_texts_escape_their_values_but_keep_their_markup(app):
    template = app.jinja_env.from_string(
        "{{ _('Je hebt <strong>%(open)s</strong> van %(name)s', open=3, name=name) }}|"
        "{{ ngettext('%(num)s vraag', '%(num)s vragen', 2) }}|{{ _('100%% zeker') }}")
    with app.test_request_context("/"):
        assert template.render(name="<script>x</script>") == (
            "Je hebt <strong>3</strong> van &lt;script&gt;x&lt;/script&gt;|2 vragen|100% zeker")
