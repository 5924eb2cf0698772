"""The one table of scheduled jobs: a stable id, a Dutch description, a schedule and a body."""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

from triage.jobs import tasks
from triage.jobs.schedules import Schedule, daily, every


class UnknownJob(LookupError):
    """No job with this id in JOBS."""


@dataclass(frozen=True)
class Job:
    id: str  # stable: job_runs rows refer to it
    description: str  # Dutch, for `flask jobs list`
    schedule: Schedule
    # A callable taking now and returning a short summary, or its dotted path "package.module.name".
    func: str | Callable[[datetime], object]

    @property
    def trigger(self) -> dict:
        """APScheduler CronTrigger keyword arguments (Brussels time)."""
        return dict(self.schedule.cron)

    def period(self, now: datetime) -> str:
        return self.schedule.period(now)

    def resolve(self) -> Callable[[datetime], object]:
        if callable(self.func):
            return self.func
        module, _, name = self.func.rpartition(".")
        return getattr(import_module(module), name)


# One line a job. Ids never change once deployed; a body that needs more than one service call
# gets a wrapper in tasks.py.
JOBS: tuple[Job, ...] = (
    Job("retrain-classifier", "Classificatie hertrainen met de door medewerkers bevestigde labels",
        daily("02:30"), tasks.retrain_classifier),
    Job("prune-login-attempts", "Mislukte aanmeldpogingen ouder dan een dag verwijderen",
        daily("03:10"), tasks.prune_login_attempts),
    Job("send-outbox", "Berichten uit de uitgaande post versturen (mislukte later opnieuw)",
        every(1), "triage.referrals.loop_jobs.send_outbox"),
    Job("referral-reminders", "Herinneringen aan digihelpers zonder antwoord; daarna de coördinator verwittigen",
        every(30), "triage.referrals.loop_jobs.send_reminders"),
    Job("referral-follow-ups", "Opvolgtaken voor de balie bij doorverwijzingen naar organisaties en cursussen",
        daily("07:00"), "triage.referrals.loop_jobs.flag_follow_ups"),
    Job("referral-expiry", "Doorverwijzingen zonder antwoord na de escalatie laten vervallen",
        daily("07:10"), "triage.referrals.loop_jobs.expire_stale"),
    Job("prune-job-runs", "Geschiedenis van de taken ouder dan 90 dagen verwijderen",
        daily("03:20"), tasks.prune_job_runs),
    Job("prune-outbox", "Verstuurde berichten en gebruikte e-maillinks opruimen",
        daily("03:30"), tasks.prune_outbox),
    Job("erase-expired-personal-data", "Persoonsgegevens wissen van vragen die langer dan de bewaartermijn "
        "afgesloten zijn (de anonieme cijfers blijven)", daily("03:40"), tasks.erase_expired_personal_data),
)


def get_job(job_id: str) -> Job:
    for job in JOBS:
        if job.id == job_id:
            return job
    raise UnknownJob(job_id)


def job_ids() -> list[str]:
    return [job.id for job in JOBS]
