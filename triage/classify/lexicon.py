"""Hand-made lexicon: service and brand names per theme, and cue words per kind of question."""
from collections.abc import Sequence

# Terms are in normalised form (see text.normalise): lowercase, no accents, brand spellings
# folded ("tax-on-web" -> "taxonweb"). One to three words; a single word ending in "*" matches
# every word starting with it ("belasting*" matches "belastingaangifte"). Sources: the theme
# examples of the contract and common Belgian/Flemish services.
THEME_TERMS: dict[str, list[str]] = {
    "digitale-sleutels": [
        "itsme", "eid", "kaartlezer*", "pincode", "pukcode van eid", "csam", "mycsam", "aanmelden",
        "inloggen", "aanmeldcode", "beveiligingscode", "digitale sleutel", "digitale sleutels", "eidviewer",
        "eid viewer", "activatiecode", "aanmeldingsmethode", "token", "inlog*", "login", "verificatiecode",
        "itsme app", "eidlezer", "digitale identiteit",
    ],
    "burgerprofiel": [
        "burgerprofiel", "ebox", "my ebox", "gezinssamenstelling", "rijksregister", "mijn dossier",
        "overheidsbrie*", "officiele brie*", "digitale brie*", "digitale post", "attest*", "uittreksel*",
        "bewijs van goed gedrag", "strafregister", "vlaanderen be", "mijn burgerprofiel", "overheidspost",
    ],
    "belastingen": [
        "taxonweb", "myminfin", "belasting*", "aangifte", "aanslagbiljet*", "vereenvoudigde aangifte",
        "voorstel van vereenvoudigde", "financien", "fod financien", "voorheffing", "fiscale", "fiscaal",
        "kadastraal", "kadastraal inkomen", "minfin", "aanslag", "btw", "fiscale fiche", "fiscaal attest",
    ],
    "bankieren": [
        "bank*", "kbc", "belfius", "bnp", "fortis", "ing", "argenta", "crelan", "axa", "keytrade",
        "beobank", "vdk", "payconiq", "digipass", "overschrijv*", "rekeningnummer", "iban", "bancontact",
        "domiciliering", "visa", "mastercard", "kredietkaart", "debetkaart", "spaarrekening", "betaalapp",
        "wero", "hello bank", "homebanking", "mobile banking", "zoomit", "storting", "apple pay",
        "google pay", "contactloos", "sepa",
    ],
    "gezondheid": [
        "mijngezondheid", "ziekenfonds*", "mutualiteit*", "cm", "helan", "solidaris", "dokter*",
        "huisarts*", "ziekenhuis*", "apotheek", "apotheker", "voorschrift*", "vaccin*", "doctoranytime",
        "nexuzhealth", "mynexuzhealth", "tandarts", "specialist", "kine", "kinesist*", "medicatie", "medicijn*",
        "mycarenet", "covid", "corona", "bloeduitslag", "labo*", "patientendossier", "zorgverlener", "vnz",
        "christelijke mutualiteit", "liberale mutualiteit", "onafhankelijk ziekenfonds",
        "hospitalisatieverzekering", "huisdokter", "wachtdienst", "ehealth", "ziekte*", "medisch*",
        "thuisverpleging", "thuiszorg", "bloedafname",
    ],
    "werk": [
        "vdab", "sollicit*", "cv", "vacature*", "werkloos*", "werkloosheid*", "hulpkas", "capac", "vakbond",
        "abvv", "acv", "aclvb", "loonbrief*", "loonfiche*", "werkgever*", "interim*", "job*",
        "werkzoekend*", "rva", "onem", "tijdelijke werkloosheid", "c4", "linkedin", "indeed",
        "mijn loopbaan", "sociaal secretariaat", "dimona", "uurrooster", "werkwinkel", "jobcoach",
        "jobstudent", "studentenjob", "uitzendkantoor", "randstad", "adecco", "loopbaanbegeleiding",
        "controlekaart", "ec3", "ontslag", "loon", "hvw",
    ],
    "sociale-zekerheid": [
        "mypension", "pensioen*", "groeipakket", "kinderbijslag", "fons", "kidslife", "infino", "parentia",
        "myfamily", "ocmw", "sociale voordelen", "tegemoetkoming*", "handicap", "myhandicap", "zorgbudget*",
        "leefloon", "inkomensgarantie", "verhoogde tegemoetkoming", "omnio", "sociaal huis", "zorgpremie",
        "mijn pensioen", "schoolbonus", "zorgkas", "sociale bescherming", "vaph", "igo", "geboortepremie",
        "bejaarden", "hulp aan bejaarden",
    ],
    "wonen-energie": [
        "huurpremie", "huursubsidie", "mijnverbouwpremie", "verbouwpremie", "energie*", "engie", "luminus",
        "totalenergies", "bolt", "eneco", "mega", "fluvius", "meterstand*", "digitale meter", "budgetmeter",
        "elektriciteit", "stroom", "gas", "watergroep", "farys", "pidpa", "sociale woning",
        "huisvestingsmaatschappij", "woonmaatschappij", "huurder", "huurcontract", "huisbaas", "verhuurder",
        "vreg", "vtest", "epc", "renovatie*", "isolatie", "zonnepanelen", "warmtepomp", "woonlening",
        "huur*", "waarborg", "plaatsbeschrijving", "woning", "meter", "meteropname", "energiefactuur",
        "voorschotfactuur", "laadpaal", "dakisolatie", "verhuurkantoor", "svk", "waterfactuur",
        "watermeter", "gasmeter", "stookolie", "mazout", "verwarming",
    ],
    "mobiliteit": [
        "delijn", "nmbs", "sncb", "trein*", "bus", "tram", "reisplanner", "rijbewijs", "parkeer*",
        "parkeren", "easypark", "yellowbrick", "flowbird", "4411", "mobib", "belbus", "hoppin", "blue bike",
        "velo", "nummerplaat", "div", "taxi", "uber", "fiets*", "autodelen", "cambio", "rijexamen",
        "theorie examen", "halte", "dienstregeling", "treinticket", "busabonnement", "lijnkaart", "mticket",
        "busticket", "tramticket", "station", "perron", "eurostar", "flixbus", "blablacar", "waze",
        "routeplanner", "gps", "navigatie", "parking", "rijles", "autokeuring", "keuring", "verkeersboete*",
        "snelheidsboete", "deelfiets", "deelauto", "minder mobielen",
    ],
    "onderwijs": [
        "smartschool", "studietoelage", "schooltoelage", "toledo", "ufora", "blackboard", "bingel",
        "informat", "leerkracht*", "juf", "rapport", "huiswerk", "hogeschool", "unief", "universiteit",
        "cvo", "diploma", "inschrijven school", "school*", "leerplatform", "klastitularis", "studiepunten",
        "kinderopvang", "aanmeldingsregister", "meldjeaan", "leerling*", "oudercontact", "ouderavond",
        "schoolrekening", "studiefinanciering", "hoger onderwijs", "aanmeldsysteem", "aanmeldingssysteem",
        "onderwijskiezer", "moodle", "klascement", "clb", "huistaak*", "academie",
    ],
    "gemeente-eloket": [
        "eloket", "gemeente*", "stadhuis", "burgerzaken", "afvalkalender", "recycle", "containerpark",
        "recyclagepark", "grofvuil", "huisvuil", "afval*", "ivago", "ivbo", "imog", "mirom", "verko", "pmd",
        "gft", "adreswijziging", "stadsdienst*", "bewonerskaart", "signalisatievergunning",
        "omgevingsloket", "loket", "stadswebsite", "gemeentewebsite", "stadskantoor", "district*",
        "inname openbaar domein", "huwelijk", "stad", "kids id", "kidsid", "paspoort", "reispas",
        "sluikstort", "meldpunt", "meldingskaart", "vergunning*", "uitpas", "vrijetijd*", "sportdienst",
        "cultuurcentrum", "speelplein*", "container", "burgemeester",
    ],
    "communicatie": [
        "mail", "mailadres", "gmail", "hotmail", "outlook", "yahoo", "bijlage*", "whatsapp", "messenger",
        "facebook", "instagram", "tiktok", "sociale media", "videobel*", "facetime", "skype", "zoom",
        "teams", "signal", "telegram", "chat*", "snapchat", "mailbox", "inbox", "berichtje*",
        "videogesprek", "beeldbellen", "groepsgesprek", "groepschat", "viber", "imo", "wechat", "twitter",
        "pinterest", "profielfoto", "vriendschapsverzoek", "emoji*", "spraakbericht*", "geen mailadres",
    ],
    "smartphone-tablet": [
        "gsm", "tablet", "ipad", "iphone", "android", "samsung", "apps", "instellingen", "play store",
        "playstore", "app store", "appstore", "icoon*", "icoontje*", "beltoon", "lettergrootte",
        "contacten", "foto's", "fotos", "galerij", "camera", "google account", "apple id", "icloud",
        "simkaart", "meldingen", "notificaties", "wekker", "agenda", "zaklamp", "startscherm", "veeg*",
        "swipe*", "huawei", "xiaomi", "oppo", "motorola", "nokia", "touchscreen", "ringtone",
        "vliegtuigmodus", "schermtijd", "achtergrond*", "widget*", "google play", "siri", "spraakassistent",
        "esim",
    ],
    "computer": [
        "computer", "laptop", "muis", "toetsenbord", "bestand*", "map", "mappen", "word", "excel",
        "tekstverwerk*", "printen", "afdrukken", "scan*", "usb*", "windows", "bureaublad", "kopieren",
        "plakken", "pdf", "downloads", "opslaan", "libreoffice", "powerpoint", "typen", "macbook",
        "chromebook", "dubbelklik*", "verkenner", "prullenbak", "knippen", "slepen", "klikken",
        "rechtermuisknop", "muisknop", "snelkoppeling", "taakbalk", "startmenu", "zip*", "uitpakken",
        "harde schijf", "imac", "office", "onedrive", "dropbox", "google drive", "google docs",
        "spatiebalk", "kopie",
    ],
    "veilig-online": [
        "phishing", "vals*", "oplicht*", "fraude", "virus*", "hack*", "gehackt", "privacy", "spam", "nep",
        "betrouwbaar", "verdacht*", "antivirus", "tweestapsverificatie", "safeonweb", "scam*", "cardstop",
        "card stop", "oplichter*", "echt of nep", "geklikt", "veilig*", "afpersing", "sextortion", "nep*",
        "fraude*", "malware", "ransomware", "spyware", "wachtwoordmanager", "2fa", "tweestaps*", "privacy*",
        "cookies", "gestolen", "identiteitsdiefstal", "chantage", "hangslot*", "beveiligen", "beveiligd",
        "beveiliging", "aangeklikt", "onbetrouwbaar",
    ],
    "online-aankopen": [
        "bestel*", "webshop*", "webwinkel", "online winkel*", "bol", "coolblue", "zalando", "amazon",
        "shein", "temu", "aliexpress", "vinted", "2dehands", "tweedehands", "marketplace", "pakje*",
        "bpost", "postnl", "dhl", "ticketmaster", "concert*", "booking", "airbnb", "collect go", "retour*",
        "terugsturen", "winkelmand*", "afrekenen", "levering", "ryanair", "tui", "vliegtuig", "hotel",
        "kinepolis", "reserv*", "online kopen", "verkopen", "kopen", "marktplaats", "2ememain", "ebay",
        "etsy", "mediamarkt", "krefel", "ikea", "colruyt", "delhaize", "pakket", "verzending", "track",
        "bezorg*", "festival*", "bioscoop", "theater", "voorstelling", "vlucht", "vluchten", "airlines",
    ],
    "toestel-technisch": [
        "kapot", "traag", "herstel*", "update*", "modem", "router", "opslag vol", "geheugen vol",
        "printer*", "inkt", "cartridge", "batterij", "oplader", "bevroren", "hangt", "valt uit",
        "start niet", "opstart*", "reset*", "storing", "bluetooth", "herstart*", "bitlocker",
        "blauw scherm", "waterschade", "gebarsten", "wifi", "telenet", "proximus", "orange", "scarlet",
        "decoder", "opslag", "geheugen", "zwart scherm", "scherm kapot", "reparatie", "repareren",
        "laadkabel", "toner", "geluid", "microfoon", "webcam", "koptelefoon", "vastgelopen", "crash*",
        "fabrieksinstellingen", "resetten",
    ],
    "toegang": [
        "geen computer", "geen gsm", "geen internet", "geen toestel", "geen laptop", "geen wifi",
        "geen tablet", "geen smartphone", "lenen", "uitlenen", "uitleendienst", "leentoestel",
        "sociaal tarief", "betaalbaar internet", "goedkoop internet", "goedkoper internet", "gratis wifi",
        "publieke computer", "digipunt", "internetabonnement", "internetaansluiting", "refurbished",
        "digidak", "mobiele data", "hotspot", "geen pc", "geen mail", "uitleen*", "prepaid", "herlaadkaart",
        "belkrediet", "databundel", "goedkope laptop", "goedkope gsm", "goedkope computer",
        "geen mailadres",
    ],
}

# Cue words of the labelling guide (LABELLING.md) and common spoken variants.
KIND_TERMS: dict[str, list[str]] = {
    "leervraag": [
        "leren", "oefenen", "les", "cursus", "uitleg*", "zelf", "voortaan", "zelfstandig*",
        "afhankelijk", "beginner*", "van nul", "onder de knie", "snappen", "begrijpen", "workshop",
        "opleiding", "stap voor stap", "zonder hulp", "niks dringends", "niet dringend", "geen haast",
        "mee zijn", "weten hoe", "hoe werkt", "wil kunnen", "zelf kunnen", "later", "ooit", "vorming",
        "infosessie", "oefenmoment", "leertraject", "digicafe", "meer over", "kennen",
    ],
    "hulpvraag": [
        "vandaag", "morgen", "overmorgen", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
        "zaterdag", "zondag", "deze week", "dringend", "meteen", "deadline", "termijn", "vervalt",
        "kapot", "geblokkeerd", "lukt niet", "kwijt", "zit vast", "vergeten", "werkt niet", "foutmelding",
        "nodig", "aanvragen", "indienen", "afdrukken", "doorsturen", "kan iemand", "wat nu", "help",
        "probleem", "invullen", "in orde", "ten laatste", "tegen", "binnen",
    ],
}


class Lexicon:
    """Finds lexicon terms in normalised words; single-word matches are memoised per word."""

    def __init__(self, groups: dict[str, list[str]]) -> None:
        self.groups = list(groups)
        self.exact: dict[str, list[str]] = {}
        self.prefixes: dict[str, list[str]] = {}
        for group, terms in groups.items():
            for term in terms:
                table = self.prefixes if term.endswith("*") else self.exact
                table.setdefault(term.rstrip("*"), []).append(group)
        self.prefix_lengths = sorted({len(p) for p in self.prefixes})
        self.phrase_starts = {term.split()[0] for term in self.exact if " " in term}
        self.longest = max(len(term.split()) for term in self.exact)
        self._memo: dict[str, tuple[tuple[str, str], ...]] = {}

    def _single(self, word: str) -> tuple[tuple[str, str], ...]:
        found = self._memo.get(word)
        if found is None:
            hits = [(group, word) for group in self.exact.get(word, ())]
            for length in self.prefix_lengths:
                if length > len(word):
                    break
                hits.extend((group, word[:length] + "*") for group in self.prefixes.get(word[:length], ()))
            found = tuple(hits)
            if len(self._memo) > 50_000:
                self._memo.clear()
            self._memo[word] = found
        return found

    def find(self, words: Sequence[str]) -> list[tuple[str, str, int, int]]:
        """(group, term, first word, last word + 1) for every term found."""
        hits = []
        count = len(words)
        for i, word in enumerate(words):
            for group, term in self._single(word):
                hits.append((group, term, i, i + 1))
            if word in self.phrase_starts:
                for n in range(2, min(self.longest, count - i) + 1):
                    phrase = " ".join(words[i:i + n])
                    for group in self.exact.get(phrase, ()):
                        hits.append((group, phrase, i, i + n))
        return hits


# One index over both: groups are "thema:<code>" and "soort:<kind>".
LEXICON = Lexicon({**{f"thema:{code}": terms for code, terms in THEME_TERMS.items()},
                   **{f"soort:{kind}": terms for kind, terms in KIND_TERMS.items()}})
