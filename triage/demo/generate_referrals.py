"""The generator's referral loop: what happens to each request, as the lifecycle of DESIGN.md §4 allows."""
import math
import random
from datetime import datetime, timedelta

from triage.demo.generate_catalogue import Target, Targets
from triage.demo.generate_requests import Picker

MODES = {"digihelper": "assigned", "course": "enrolled", "organisation": "signposted"}
OUTCOME_ODDS = {
    "assigned": {"geholpen": 50, "zelfstandig": 15, "deels": 12, "niet_geholpen": 5, "niet_opgedaagd": 6,
                 "doorverwezen": 4, "onbereikbaar": 8},
    "signposted": {"geholpen": 38, "zelfstandig": 12, "deels": 14, "niet_geholpen": 8, "niet_opgedaagd": 8,
                   "doorverwezen": 5, "onbereikbaar": 15},
    "enrolled": {"zelfstandig": 42, "geholpen": 12, "deels": 18, "niet_geholpen": 5, "niet_opgedaagd": 15,
                 "doorverwezen": 2, "onbereikbaar": 6},
}
SUCCESS = ("geholpen", "zelfstandig")
DECLINES = (["geen_tijd", "buiten_thema", "buiten_gebied", "taal", "andere"], [45, 20, 15, 10, 10])
SOLVED = (["geholpen", "zelfstandig", "deels"], [60, 25, 15])
TARGET_TYPES = {"hulpvraag": (["digihelper", "organisation", "course"], [60, 38, 2]),
                "leervraag": (["course", "digihelper", "organisation"], [65, 15, 20])}
HOUR = timedelta(hours=1)


class Planner:
    """Decides each request's fate and writes the rows: referrals, their events, unmet needs."""

    def __init__(self, rng: random.Random, targets: Targets, now: datetime, follow_up_days: int,
                 first_referral_id: int, first_event_id: int, first_unmet_id: int):
        self.rng, self.targets, self.now = rng, targets, now
        self.follow_up = timedelta(days=follow_up_days)
        self.next_referral, self.next_event, self.next_unmet = first_referral_id, first_event_id, first_unmet_id
        self.types = {}
        for kind, (types, weights) in TARGET_TYPES.items():
            present = [(t, w) for t, w in zip(types, weights, strict=True) if targets.by_type.get(t)]
            self.types[kind] = Picker(*zip(*present, strict=True)) if present else None
        self.outcomes = {mode: (list(odds), list(odds.values())) for mode, odds in OUTCOME_ODDS.items()}
        self.decline, self.solved = Picker(*DECLINES), Picker(*SOLVED)
        self.outcome_pickers: dict[tuple[str, int], Picker] = {}
        self.referrals: list[dict] = []
        self.events: list[dict] = []
        self.unmet: list[dict] = []
        self.links: list[dict] = []

    def take(self) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
        """The rows made since the last call."""
        out = (self.referrals, self.events, self.unmet, self.links)
        self.referrals, self.events, self.unmet, self.links = [], [], [], []
        return out

    def plan(self, request: dict) -> None:
        rng, created = self.rng, request["created_at"]
        age = self.now - created
        if age < timedelta(days=1) and rng.random() < 0.1:
            return  # logged today, not handled yet
        if request["kind"] == "hulpvraag" and age < timedelta(days=2) and rng.random() < 0.2:
            request["status"] = "pool"
            return
        gap_odds = 0.035 + (0.2 if request["language"] not in ("nl", "fr", "en") else 0) \
            + (0.3 if "gebarentaal" in request["needs"] else 0)
        if rng.random() < gap_odds or self.types[request["kind"]] is None:
            self._gap(request)
            return
        if rng.random() < (0.15 if request["kind"] == "hulpvraag" else 0.05):
            request["status"], request["outcome"] = "solved", self.solved(rng)
            request["closed_at"] = created + timedelta(minutes=rng.randint(5, 40))
            return
        entry_type = self.types[request["kind"]](rng)
        pickup = entry_type == "digihelper" and request["kind"] == "hulpvraag" and rng.random() < 0.12
        at = created + (timedelta(hours=rng.uniform(1, 48)) if pickup else timedelta(minutes=rng.uniform(3, 25)))
        if at >= self.now:
            request["status"] = "pool" if pickup else "open"
            return
        self._refer(request, entry_type, at, depth=0, pickup=pickup)

    def _gap(self, request: dict) -> None:
        request["status"], request["gap"] = "gap", True
        rng = self.rng
        if request["language"] not in ("nl", "fr", "en"):
            missing = ["language"]
        elif "gebarentaal" in request["needs"]:
            missing = ["need"]
        else:
            options = ["area", "capacity", "theme"] + (["date"] if request["kind"] == "leervraag" else [])
            missing = rng.sample(options, 2 if rng.random() < 0.2 else 1)
        self.unmet.append({
            "id": self.next_unmet, "created_at": request["created_at"], "source": "intake", "kind": request["kind"],
            "theme": request["theme"], "theme2": request["theme2"], "language": request["language"],
            "postcode": request["postcode"], "needs": request["needs"], "missing": missing,
            "help_request_id": request["id"], "channel": request["channel"]})
        self.next_unmet += 1

    def _event(self, referral: dict, kind: str, from_status: str | None, to_status: str, at: datetime,
               note: str | None = None) -> None:
        self.events.append({"id": self.next_event, "referral_id": referral["id"], "kind": kind,
                            "from_status": from_status, "to_status": to_status, "actor_id": None, "at": at,
                            "note": note})
        self.next_event += 1

    def _outcome(self, mode: str, target: Target) -> str:
        key = (mode, target.id)
        if key not in self.outcome_pickers:
            names, weights = self.outcomes[mode]
            self.outcome_pickers[key] = Picker(names, [w * target.quality if n in SUCCESS else w
                                                      for n, w in zip(names, weights, strict=True)])
        return self.outcome_pickers[key](self.rng)

    def _refer(self, request: dict, entry_type: str, at: datetime, depth: int, pickup: bool = False,
               avoid: int | None = None) -> dict:
        target = self.targets.pick(self.rng, entry_type, request["theme"], request["kind"], avoid)
        mode = MODES[target.entry_type]
        referral = {
            "id": self.next_referral, "request_id": request["id"], "target_id": target.id, "mode": mode,
            "status": "accepted", "decline_reason": None, "decline_note": None, "outcome": None,
            "outcome_note": None, "created_by_id": None, "created_at": at, "accepted_at": None, "started_at": None,
            "declined_at": None, "cancelled_at": None, "closed_at": None, "follow_up_at": None,
            "follow_up_due": False, "reminders_sent": 0, "escalated_at": None, "next_referral_id": None,
            "version": 1}
        self.next_referral += 1
        self.referrals.append(referral)
        request["status"], request["gap"], request["closed_at"] = "referred", False, None
        if mode == "assigned":
            self._assigned(request, referral, target, depth, pickup)
        else:
            self._follow_up(request, referral, target, depth)
        return referral

    def _assigned(self, request: dict, referral: dict, target: Target, depth: int, pickup: bool) -> None:
        rng, at, now = self.rng, referral["created_at"], self.now
        if pickup:
            referral["accepted_at"] = at
            self._event(referral, "status", None, "accepted", at)
            self._work(request, referral, target, depth, at)
            return
        referral["status"] = "proposed"
        self._event(referral, "status", None, "proposed", at)
        fate = rng.random()
        delay = rng.lognormvariate(math.log(16 * target.speed), 1.0)
        if fate < 0.025:
            delay = 1000.0  # never answered
        elif fate < 0.105:
            delay = min(delay, 130.0)
        # Unanswered: a reminder after two working days, another after four, the coordinator after six.
        for hours, kind in ((48, "reminder"), (96, "reminder"), (144, "escalation")):
            when = at + hours * HOUR
            if delay <= hours or when > now:
                break
            if kind == "reminder":
                referral["reminders_sent"] += 1
                self._event(referral, kind, "proposed", "proposed", when,
                            f"Herinnering {referral['reminders_sent']} verstuurd")
            else:
                referral["escalated_at"] = when
                self._event(referral, kind, "proposed", "proposed", when, "Geen antwoord: coördinator verwittigd")
        if delay > 264:
            when = at + 264 * HOUR
            if when <= now:
                self._end(request, referral, "cancelled", when, "verlopen", target, depth)
            return
        when = at + delay * HOUR
        if when > now:
            return
        if 0.025 <= fate < 0.105:
            self._decline(request, referral, when, target, depth)
            return
        referral["status"], referral["accepted_at"] = "accepted", when
        self._event(referral, "status", "proposed", "accepted", when)
        self._work(request, referral, target, depth, when)

    def _work(self, request: dict, referral: dict, target: Target, depth: int, accepted: datetime) -> None:
        rng, now = self.rng, self.now
        if rng.random() < 0.05:
            when = accepted + rng.uniform(1, 120) * HOUR
            if when <= now:
                self._decline(request, referral, when, target, depth)
            return
        started = accepted + rng.expovariate(1 / 20) * HOUR
        if rng.random() < 0.4 and started <= now:
            self._event(referral, "contact", "accepted", "accepted", accepted + (started - accepted) / 2, "Bereikt")
        if started > now:
            return
        referral["status"], referral["started_at"] = "in_progress", started
        self._event(referral, "status", "accepted", "in_progress", started)
        closed = started + rng.lognormvariate(math.log(96), 0.8) * HOUR
        if closed <= now:
            self._close(request, referral, target, depth, closed, "in_progress")

    def _follow_up(self, request: dict, referral: dict, target: Target, depth: int) -> None:
        rng, at, now = self.rng, referral["created_at"], self.now
        referral["accepted_at"], referral["follow_up_at"] = at, at + self.follow_up
        self._event(referral, "status", None, "accepted", at)
        if rng.random() < 0.03:
            when = at + rng.uniform(1, 240) * HOUR
            if when <= now:
                self._end(request, referral, "cancelled", when, None, target, depth)
                return
        closed = referral["follow_up_at"] + rng.lognormvariate(math.log(48), 0.9) * HOUR
        if rng.random() < 0.1 or closed > now:
            referral["follow_up_due"] = referral["follow_up_at"] <= now
            return  # the counter has not (yet) asked how it went
        self._close(request, referral, target, depth, closed, "accepted")

    def _close(self, request: dict, referral: dict, target: Target, depth: int, when: datetime,
               from_status: str) -> None:
        outcome = self._outcome(referral["mode"], target)
        referral.update(status="closed", outcome=outcome, closed_at=when)
        self._event(referral, "status", from_status, "closed", when)
        request["status"], request["closed_at"] = "closed", when
        if outcome == "doorverwezen" and depth < 2 and self.targets.by_type.get("organisation"):
            at = when + self.rng.uniform(0.1, 24) * HOUR
            if at < self.now:
                follow = self._refer(request, "organisation", at, depth + 1, avoid=target.id)
                self.links.append({"id": referral["id"], "next": follow["id"]})

    def _decline(self, request: dict, referral: dict, when: datetime, target: Target, depth: int) -> None:
        reason = self.decline(self.rng)
        note = "Ik ben de komende weken niet beschikbaar." if reason == "andere" else None
        referral.update(decline_reason=reason, decline_note=note)
        self._end(request, referral, "declined", when, note, target, depth)

    def _end(self, request: dict, referral: dict, status: str, when: datetime, note: str | None, target: Target,
             depth: int) -> None:
        """Declined or cancelled: back to the counter, which most often refers again."""
        self._event(referral, "status", referral["status"], status, when, note)
        referral["status"] = status
        referral["declined_at" if status == "declined" else "cancelled_at"] = when
        request["status"] = "open"
        again = when + self.rng.uniform(0.2, 48) * HOUR
        if depth < 2 and again < self.now and self.rng.random() < 0.75:
            self._refer(request, target.entry_type, again, depth + 1, avoid=target.id)
