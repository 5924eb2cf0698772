"""Online services named in a question, in the spellings the counters meet."""
import pytest

from triage.intake.online_services import SERVICES, detect_services, service_label


@pytest.mark.parametrize(("text", "expected"), [
    ("Mijn itsme app werkt niet meer na een nieuwe gsm", ["itsme"]),
    ("itsmi vraagt een code die ik niet heb", ["itsme"]),
    ("Its me geblokkeerd", ["itsme"]),
    ("aangifte via tax on web of via myminfim?", ["taxonweb", "myminfin"]),
    ("Tax-on-web en MyMinfin", ["taxonweb", "myminfin"]),
    ("pincode van mijn eID vergeten, kaartlezer werkt niet", ["eid"]),
    ("aanmelden met CSAM", ["csam"]),
    ("brief in mijn eBox en Mijn Burgerprofiel", ["ebox", "burgerprofiel"]),
    ("resultaten in Mijn Gezondheid", ["mijngezondheid"]),
    ("de app van de mutualiteit, CM of Helan", ["mutualiteit"]),
    ("betalen met Payconiq of de Belfius app", ["payconiq", "belfius"]),
    ("KBC Mobile, Argenta, Crelan en ING", ["kbc", "argenta", "crelan", "ing"]),
    ("overschrijving met Easy Banking van BNP Paribas Fortis", ["bnp"]),
    ("mypension en het groeipakket bij FONS", ["mypension", "groeipakket"]),
    ("kinderbijslag bij Kidslife of Infino", ["groeipakket"]),
    ("cv op de vdap site zetten", ["vdab"]),
    ("rapport in smartscool bekijken", ["smartschool"]),
    ("tickets van De Lijn en de NMBS", ["delijn", "nmbs"]),
    ("meterstand doorgeven aan Fluvius", ["fluvius"]),
    ("Mijn VerbouwPremie en de huurpremie aanvragen", ["verbouwpremie", "huurpremie"]),
    ("een attest via het e-loket van de stad", ["eloket"]),
    ("de afvalkalender in de Recycle! app", ["recycle"]),
    ("foto's sturen met WhatsApp of Facebook", ["whatsapp", "facebook"]),
    ("watsapp werkt niet", ["whatsapp"]),
    ("wachtwoord van mijn Gmail en Outlook", ["gmail", "outlook"]),
    ("iets verkopen op 2dehands en kopen op bol.com", ["2dehands", "bolcom"]),
    ("de plank is 10 cm te kort", []),
    ("ik wil leren mailen", []),
    ("", []),
])
def test_detect_services_finds_each_service_once_in_order(text, expected):
    assert detect_services(text) == expected


def test_each_service_is_found_once_however_often_it_is_named():
    assert detect_services("itsme, itsme en nog eens ITSME") == ["itsme"]


def test_every_service_has_a_label():
    assert all(SERVICES.values())
    assert service_label("itsme") == "itsme"
    assert service_label("onbekend") == "onbekend"
