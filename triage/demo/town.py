"""The demo town's catalogue, in the contract's file format, with sessions in the coming weeks."""
from datetime import date, datetime, timedelta

POSTCODES = ["2800", "2801", "2811", "2812"]

ORGANISATIONS = [
    {"id": "org-digipunt", "name": "Digipunt Stadhuis", "type": "digipunt",
     "description": "Hulp bij overheidszaken online: aanmelden met itsme of eID, Mijn Burgerprofiel, "
                    "belastingen, premies en het e-loket van de stad.",
     "address": "Grote Markt 1, 2800 Dijlegem", "phone": "015 00 10 01",
     "email": "digipunt@dijlegem.example", "website": "https://www.dijlegem.example/digipunt",
     "opening_hours": "maandag tot vrijdag 9 tot 12 uur, donderdag ook 14 tot 19 uur",
     "themes": ["gemeente-eloket", "burgerprofiel", "digitale-sleutels", "belastingen",
                "sociale-zekerheid", "wonen-energie"],
     "kinds": ["hulpvraag"], "languages": ["nl", "fr", "en"], "accessibility": ["rolstoel", "ringleiding"],
     "target_groups": ["senioren"]},
    {"id": "org-bib", "name": "Bibliotheek Dijlegem", "type": "bibliotheek",
     "description": "Publieke computers, gratis wifi, het Digicafé en cursussen voor wie digitaal wil bijleren.",
     "address": "Kapucijnenstraat 12, 2800 Dijlegem", "phone": "015 00 20 02",
     "email": "bib@dijlegem.example", "opening_hours": "dinsdag tot zaterdag 10 tot 18 uur",
     "themes": ["computer", "smartphone-tablet", "communicatie", "online-aankopen", "toegang", "veilig-online"],
     "kinds": ["hulpvraag", "leervraag"], "languages": ["nl", "en"], "accessibility": ["rolstoel"],
     "target_groups": ["senioren", "nieuwkomers", "jongeren"]},
    {"id": "org-ocmw", "name": "OCMW Dijlegem, sociale dienst", "type": "ocmw",
     "description": "Sociale dienst: hulp bij tegemoetkomingen, Groeipakket, pensioen en leefloon, ook online.",
     "address": "Zorgstraat 4, 2800 Dijlegem", "phone": "015 00 30 03", "email": "sociale.dienst@dijlegem.example",
     "opening_hours": "maandag tot vrijdag 8.30 tot 12 uur", "themes": ["sociale-zekerheid", "toegang", "wonen-energie", "gezondheid"],
     "kinds": ["hulpvraag"], "languages": ["nl", "fr", "ar"], "accessibility": ["rolstoel", "aan-huis"],
     "target_groups": ["mensen-in-armoede", "senioren"]},
    {"id": "org-digibrug", "name": "vzw Digibrug", "type": "vzw",
     "description": "Vrijwilligers die helpen met de smartphone, de bankapp en itsme, ook aan huis.",
     "address": "Molenweg 22, 2811 Hombeek-Dijle", "phone": "015 00 40 04", "email": "info@digibrug.example",
     "themes": ["bankieren", "smartphone-tablet", "digitale-sleutels", "communicatie"],
     "kinds": ["hulpvraag", "leervraag"], "languages": ["nl"], "postcodes": POSTCODES,
     "accessibility": ["aan-huis"], "target_groups": ["senioren"]},
    {"id": "org-herstelcafe", "name": "Repair Café Dijlegem", "type": "herstelpunt",
     "description": "Elke eerste zaterdag: vrijwilligers kijken naar trage laptops, kapotte gsm's en printers.",
     "address": "Ontmoetingscentrum De Schakel, Dorpsplein 3, 2812 Muizen-Dijle",
     "opening_hours": "eerste zaterdag van de maand, 13 tot 17 uur",
     "themes": ["toestel-technisch", "computer"], "kinds": ["hulpvraag"], "languages": ["nl", "en"],
     "accessibility": ["rolstoel"]},
    {"id": "org-vdab-werkwinkel", "name": "Werkwinkel Dijlegem", "type": "andere",
     "description": "Hulp bij online solliciteren, een cv maken en je VDAB-dossier.",
     "address": "Stationsstraat 40, 2800 Dijlegem", "phone": "015 00 50 05",
     "themes": ["werk"], "kinds": ["hulpvraag", "leervraag"], "languages": ["nl", "fr", "en"],
     "accessibility": ["rolstoel"], "target_groups": ["werkzoekenden", "nieuwkomers"]},
    {"id": "org-uitleendienst", "name": "Laptop-uitleen Digidak", "type": "uitleendienst",
     "description": "Leent laptops en tablets uit aan wie er zelf geen heeft, met een internetabonnement aan sociaal tarief.",
     "address": "Kapucijnenstraat 12, 2800 Dijlegem", "themes": ["toegang"], "kinds": ["hulpvraag"],
     "languages": ["nl", "fr", "en", "ar"], "accessibility": ["rolstoel"],
     "target_groups": ["mensen-in-armoede", "nieuwkomers"]},
]

DIGIHELPERS = [
    {"id": "dh-an", "name": "An Peeters", "organisation": "org-digipunt", "email": "an@dijlegem.example",
     "themes": ["digitale-sleutels", "burgerprofiel", "belastingen", "gemeente-eloket"],
     "kinds": ["hulpvraag"], "languages": ["nl", "fr"], "postcodes": ["2800", "2801"],
     "accessibility": ["rolstoel"], "max_open_cases": 5, "target_groups": ["senioren"]},
    {"id": "dh-youssef", "name": "Youssef El Amrani", "organisation": "org-ocmw",
     "email": "youssef@dijlegem.example", "themes": ["sociale-zekerheid", "digitale-sleutels", "werk", "toegang"],
     "kinds": ["hulpvraag", "leervraag"], "languages": ["nl", "ar", "fr"], "accessibility": ["aan-huis"],
     "max_open_cases": 6, "target_groups": ["nieuwkomers"]},
    {"id": "dh-marleen", "name": "Marleen Claes", "organisation": "org-digibrug",
     "email": "marleen@digibrug.example", "phone": "0470 00 00 01",
     "themes": ["bankieren", "smartphone-tablet", "communicatie", "digitale-sleutels"],
     "kinds": ["hulpvraag", "leervraag"], "languages": ["nl"], "postcodes": ["2811", "2812"],
     "accessibility": ["aan-huis"], "max_open_cases": 4, "target_groups": ["senioren"]},
    {"id": "dh-jef", "name": "Jef Wouters", "organisation": "org-herstelcafe",
     "themes": ["toestel-technisch", "computer", "smartphone-tablet"], "kinds": ["hulpvraag"],
     "languages": ["nl"], "max_open_cases": 3},
    {"id": "dh-sofie", "name": "Sofie Janssens", "organisation": "org-bib", "email": "sofie@dijlegem.example",
     "themes": ["communicatie", "computer", "online-aankopen", "veilig-online", "onderwijs"],
     "kinds": ["hulpvraag", "leervraag"], "languages": ["nl", "en"], "accessibility": ["rolstoel"],
     "max_open_cases": 5, "target_groups": ["jongeren", "senioren"]},
    {"id": "dh-olena", "name": "Olena Kovalenko", "organisation": "org-ocmw",
     "themes": ["sociale-zekerheid", "gezondheid", "onderwijs", "smartphone-tablet"],
     "kinds": ["hulpvraag"], "languages": ["uk", "ru", "nl", "en"], "max_open_cases": 4,
     "target_groups": ["nieuwkomers"]},
    {"id": "dh-karel", "name": "Karel Vermeulen", "themes": ["belastingen", "wonen-energie", "mobiliteit"],
     "kinds": ["hulpvraag"], "languages": ["nl"], "postcodes": ["2812"], "accessibility": ["aan-huis"],
     "max_open_cases": 2, "target_groups": ["senioren"]},
    {"id": "dh-lotte", "name": "Lotte De Smet", "organisation": "org-vdab-werkwinkel",
     "themes": ["werk", "communicatie", "computer"], "kinds": ["hulpvraag", "leervraag"],
     "languages": ["nl", "fr"], "max_open_cases": 5, "target_groups": ["werkzoekenden"]},
]

# (id, title, organisation, themes, languages, level, location, capacity, cost, weekday, hour, weeks)
COURSES = [
    ("cursus-smartphone-starters", "Smartphone voor beginners", "org-bib",
     ["smartphone-tablet", "communicatie"], ["nl"], "starter", "Bibliotheek, leeszaal 1", 10, 0, 1, 14, 4,
     ["rolstoel", "ringleiding"]),
    ("cursus-itsme-eid", "Aanmelden met itsme en eID", "org-digipunt",
     ["digitale-sleutels", "burgerprofiel"], ["nl", "fr"], "starter", "Stadhuis, zaal Dijle", 8, 0, 3, 10, 3,
     ["rolstoel"]),
    ("cursus-veilig-online", "Veilig online: valse berichten herkennen", "org-bib",
     ["veilig-online", "bankieren"], ["nl"], "starter", "Bibliotheek, leeszaal 1", 15, 0, 2, 19, 2,
     ["rolstoel"]),
    ("cursus-bankapp", "Bankieren met je smartphone", "org-digibrug",
     ["bankieren", "smartphone-tablet"], ["nl"], "starter", "OC De Schakel, Muizen-Dijle", 8, 5, 4, 14, 3, []),
    ("cursus-computer-basis", "Computer voor beginners", "org-bib",
     ["computer"], ["nl", "en"], "starter", "Bibliotheek, computerklas", 8, 10, 0, 9, 6, ["rolstoel"]),
    ("cursus-digitaal-solliciteren", "Online solliciteren en je cv", "org-vdab-werkwinkel",
     ["werk", "computer"], ["nl", "fr"], "gevorderd", "Werkwinkel, lokaal 2", 12, 0, 1, 9, 4, ["rolstoel"]),
    ("cursus-videobellen", "Videobellen met familie", "org-bib",
     ["communicatie", "smartphone-tablet"], ["nl", "ar", "uk"], "starter", "Bibliotheek, leeszaal 2", 10, 0, 4, 10, 2,
     ["rolstoel"]),
    ("cursus-gezondheid-apps", "Mijn Gezondheid en de app van je ziekenfonds", "org-ocmw",
     ["gezondheid", "digitale-sleutels"], ["nl"], "starter", "Dienstencentrum Zonnebloem", 12, 0, 2, 14, 2,
     ["rolstoel", "ringleiding"]),
]


def _sessions(today: date, weekday: int, hour: int, weeks: int) -> list[dict]:
    first = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    sessions = []
    for week in range(weeks):
        start = datetime.combine(first + timedelta(weeks=week), datetime.min.time()).replace(hour=hour)
        sessions.append({"start": start.isoformat(timespec="seconds"),
                         "end": (start + timedelta(hours=2)).isoformat(timespec="seconds")})
    return sessions


def catalogue(today: date) -> dict:
    """The demo catalogue; course sessions start in the weeks after `today` (Brussels time)."""
    verified = (today - timedelta(days=30)).isoformat()
    courses = []
    for (cid, title, org, themes, languages, level, location, capacity, cost, weekday, hour, weeks,
         access) in COURSES:
        courses.append({"id": cid, "title": title, "organisation": org, "themes": themes,
                        "kinds": ["leervraag"], "languages": languages, "level": level,
                        "location": location, "capacity": capacity, "cost_eur": cost,
                        "accessibility": access, "target_groups": ["senioren"] if level == "starter" else [],
                        "last_verified": verified, "sessions": _sessions(today, weekday, hour, weeks)})
    stale = (today - timedelta(days=400)).isoformat()
    organisations = [{**o, "last_verified": stale if o["id"] == "org-herstelcafe" else verified}
                     for o in ORGANISATIONS]
    digihelpers = [{**d, "last_verified": verified} for d in DIGIHELPERS]
    return {"version": 1, "organisations": organisations, "digihelpers": digihelpers, "courses": courses}
