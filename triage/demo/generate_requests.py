"""The generator's help requests: when they come in, what they ask, who asks (with returning citizens)."""
import random
from bisect import bisect
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from triage.catalogue.codes import THEMES
from triage.classify.corpus import load_corpus
from triage.demo import town
from triage.intake.citizens import citizen_key
from triage.intake.online_services import detect_services
from triage.intake.services import ALPHABET

BRUSSELS = ZoneInfo("Europe/Brussels")
# Share of the counter's questions per theme (before the season), and of leervragen within a theme.
THEME_WEIGHTS = {
    "digitale-sleutels": 14, "burgerprofiel": 7, "belastingen": 8, "bankieren": 10, "gezondheid": 6, "werk": 5,
    "sociale-zekerheid": 6, "wonen-energie": 6, "mobiliteit": 4, "onderwijs": 4, "gemeente-eloket": 4,
    "communicatie": 7, "smartphone-tablet": 9, "computer": 5, "veilig-online": 4, "online-aankopen": 3,
    "toestel-technisch": 3, "toegang": 3,
}
LEARNING_SHARE = {"smartphone-tablet": 0.55, "computer": 0.6, "communicatie": 0.45, "veilig-online": 0.5,
                  "online-aankopen": 0.4, "werk": 0.35, "bankieren": 0.3}
# Tax returns in May-July, school in August-September, energy in winter.
SEASON = {"belastingen": {5: 3.0, 6: 3.2, 7: 1.8}, "onderwijs": {8: 2.0, 9: 2.5},
          "wonen-energie": {11: 1.4, 12: 1.5, 1: 1.6, 2: 1.3}}
MONTH_VOLUME = {1: 1.0, 2: 1.0, 3: 1.05, 4: 1.05, 5: 1.2, 6: 1.25, 7: 0.85, 8: 0.7, 9: 1.1, 10: 1.05,
                11: 1.0, 12: 0.75}
WEEKDAY_VOLUME = [1.15, 1.0, 0.85, 1.15, 0.8, 0.2, 0.02]
# Office hours: mornings busiest, Thursday evening open, Saturday morning only (the library).
HOURS = {wd: {9: 10, 10: 12, 11: 11, 12: 3, 13: 5, 14: 9, 15: 8, 16: 6} for wd in range(5)}
HOURS[3].update({17: 5, 18: 4})
HOURS[5] = {10: 5, 11: 5, 12: 3}
HOURS[6] = {11: 1}
CHANNELS = (["balie", "telefoon", "e-mail", "huisbezoek"], [58, 25, 10, 7])
LANGUAGES = (["nl", "fr", "en", "ar", "uk", "tr", "ro", "pl", "prs"], [860, 40, 30, 25, 20, 10, 8, 4, 3])
POSTCODES = ([*town.POSTCODES, None, "2820", "2830", "3140"], [50, 15, 15, 12, 4, 2, 1, 1])
NEEDS = (["rolstoel", "ringleiding", "aan-huis", "gebarentaal"], [45, 20, 30, 5])
GROUPS = (["senioren", "nieuwkomers", "jongeren", "werkzoekenden", "mensen-met-een-beperking"], [40, 10, 6, 6, 4])
FIRST = ["Maria", "Jozef", "Lucienne", "Marcel", "Godelieve", "Rachid", "Fatma", "Olga", "Jean", "Paula",
         "Agnes", "Frans", "Leen", "Tom", "Samira", "Hilde", "Roger", "Denise", "Ali", "Irina"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
        "Vermeulen", "Benali", "Öztürk", "Petrenko", "Van Damme", "De Backer", "Smets"]
RING = 20_000
REFERENCE_SPACE = len(ALPHABET) ** 6
REFERENCE_STEP = 387_420_489  # 3**18: shares no factor with 31**6, so i -> i * step is a bijection


class Picker:
    """A weighted choice by bisection over cumulative weights: the generator draws millions of them."""

    def __init__(self, items: list, weights: list[float]):
        self.items, self.cumulative = list(items), list(accumulate(weights))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random):
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


def reference_code(number: int) -> str:
    """A distinct reference for each number below 31**6, scattered like the random ones."""
    value = (number * REFERENCE_STEP + 123_456_789) % REFERENCE_SPACE
    chars = []
    for _ in range(6):
        value, digit = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return f"{''.join(chars[:3])}-{''.join(chars[3:])}"


def day_counts(rng: random.Random, today: date, total: int, days: int = 730) -> list[tuple[date, int]]:
    """`total` requests spread over the `days` days before today: weekdays, seasons, slow growth."""
    first = today - timedelta(days=days)
    weights = []
    for i in range(days):
        day = first + timedelta(days=i)
        holiday = 0.1 if (day.month, day.day) in {(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)} else 1
        weights.append(WEEKDAY_VOLUME[day.weekday()] * MONTH_VOLUME[day.month] * (0.85 + 0.3 * i / days)
                       * holiday * max(0.2, rng.gauss(1, 0.1)))
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    # Hand the rounding remainder to the days that lost the most.
    for i in sorted(range(days), key=lambda k: exact[k] - counts[k], reverse=True)[:total - sum(counts)]:
        counts[i] += 1
    return [(first + timedelta(days=i), n) for i, n in enumerate(counts) if n]


class RequestMaker:
    """Builds help_requests rows (plain dicts of column values) for one day at a time."""

    def __init__(self, rng: random.Random, secret: str, first_id: int, taken_references: set[str]):
        self.rng, self.secret, self.next_id = rng, secret, first_id
        self.taken = taken_references
        self.next_number = first_id
        self.examples = defaultdict(list)
        for example in load_corpus():
            item = (example.question, example.kind, example.themes, detect_services(example.question))
            self.examples[(example.primary, example.kind)].append(item)
            self.examples[(example.primary, None)].append(item)
        themes = list(THEMES)
        self.theme_by_month = {month: Picker(themes, [THEME_WEIGHTS[t] * SEASON.get(t, {}).get(month, 1.0)
                                                      for t in themes]) for month in range(1, 13)}
        self.channel, self.language, self.postcode = Picker(*CHANNELS), Picker(*LANGUAGES), Picker(*POSTCODES)
        self.need, self.group = Picker(*NEEDS), Picker(*GROUPS)
        self.citizens = 0
        # Citizens who came with a hulpvraag in the last weeks (a ring of (time, citizen number)):
        # some of them come back, most often to learn.
        self.recent_helped: list[tuple[datetime, int]] = []
        self.ring = 0

    def _reference(self) -> str:
        while True:
            code = reference_code(self.next_number)
            self.next_number += 1
            if code not in self.taken:
                return code

    def _citizen(self, number: int) -> tuple[str, str, str]:
        """Name, phone number and key of citizen `number`: the same each time they come."""
        phone = f"04{70 + number % 30} {number // 10000 % 100:02d} {number // 100 % 100:02d} {number % 100:02d}"
        name = f"{FIRST[number % len(FIRST)]} {LAST[number // len(FIRST) % len(LAST)]}"
        return name, phone, citizen_key(phone, None, self.secret)

    def _remember(self, at: datetime, number: int) -> None:
        if len(self.recent_helped) < RING:
            self.recent_helped.append((at, number))
        else:
            self.recent_helped[self.ring] = (at, number)
            self.ring = (self.ring + 1) % RING

    def _who(self, at: datetime, kind: str) -> int | None:
        """A citizen number when contact details were given with consent, else None."""
        rng = self.rng
        if rng.random() > 0.55:
            return None
        if self.recent_helped and rng.random() < (0.25 if kind == "leervraag" else 0.06):
            since, number = self.recent_helped[rng.randrange(len(self.recent_helped))]
            if since < at:
                return number
        self.citizens += 1
        return self.citizens

    def day(self, day: date, count: int) -> list[dict]:
        rng = self.rng
        hours = HOURS[day.weekday()]
        noon = datetime.combine(day, time(12), tzinfo=BRUSSELS)
        offset = noon.utcoffset()
        hour = Picker(list(hours), list(hours.values()))
        times = sorted(datetime.combine(day, time(hour(rng), rng.randrange(60), rng.randrange(60))) - offset
                       for _ in range(count))
        rows = []
        for created in times:
            theme = self.theme_by_month[day.month](rng)
            kind = "leervraag" if rng.random() < LEARNING_SHARE.get(theme, 0.22) else "hulpvraag"
            question, _, themes, services = rng.choice(self.examples.get((theme, kind)) or self.examples[(theme, None)])
            themes = [theme, *[t for t in themes if t != theme]][:2]
            who = self._who(created, kind)
            name = phone = key = None
            if who is not None:
                name, phone, key = self._citizen(who)
                if kind == "hulpvraag":
                    self._remember(created, who)
            confirmed = rng.random() < 0.7
            needs = [self.need(rng)] if rng.random() < 0.07 else []
            rows.append({
                "id": self.next_id, "reference": self._reference(), "question": question,
                "channel": self.channel(rng), "language": self.language(rng),
                "postcode": self.postcode(rng), "needs": needs,
                "target_groups": [self.group(rng)] if rng.random() < 0.5 else [],
                "predicted_kind": kind, "predicted_themes": themes, "confidence": round(rng.uniform(0.55, 0.99), 4),
                "explanation": [], "confirmed_kind": kind if confirmed else None,
                "confirmed_themes": themes if confirmed else None, "kind": kind, "theme": themes[0],
                "theme2": themes[1] if len(themes) > 1 else None, "gap": False, "status": "open", "outcome": None,
                "note": None, "idempotency_key": None, "created_by_id": None, "created_at": created,
                "contact_name": name, "contact_phone": phone, "contact_email": None, "contact_reach_by": None,
                "contact_consent": who is not None, "closed_at": None, "erased_at": None,
                "services": list(services), "citizen_key": key})
            self.next_id += 1
        return rows
