"""flask command groups by noun: users, catalogue, demo, triage, jobs; and backup / restore."""
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from triage.errors import ServiceError
from triage.extensions import db

users_cli = AppGroup("users", help="Staff accounts and API tokens.")
catalogue_cli = AppGroup("catalogue", help="Import and export the catalogue.")
demo_cli = AppGroup("demo", help="Demo data.")
triage_cli = AppGroup("triage", help="Classify and match questions: batch, eval, retrain.")
jobs_cli = AppGroup("jobs", help="Scheduled jobs: run the scheduler, list them, run one now.")


def _fail(message: str) -> None:
    db.session.rollback()
    click.echo(f"Fout: {message}", err=True)
    sys.exit(1)


@users_cli.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["balie", "digihelper", "coordinator", "admin"]))
@click.option("--name", default="", help="Full name (default: the part before @).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def users_create(email, role, name, password_stdin):
    """Create a staff account; asks for the password unless --password-stdin."""
    from triage.auth.services import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Wachtwoord", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(email, name, role, password)
    except ServiceError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"Account gemaakt: {user.email} ({user.role.value})")


@users_cli.command("token")
@click.argument("email")
@click.option("--name", default="", help="What the token is for, e.g. 'BI-koppeling'.")
@click.option("--revoke", is_flag=True, help="Revoke every token of this account instead of making one.")
def users_token(email, name, revoke):
    """Make an API token for this account's role (printed once, as the last word), or --revoke them all."""
    from triage.auth.services import create_token, find_user_by_email, revoke_tokens

    user = find_user_by_email(email)
    if user is None:
        _fail(f"geen account met e-mailadres {email}")
    if revoke:
        count = revoke_tokens(user)
        db.session.commit()
        click.echo(f"{count} API-token(s) van {user.email} ingetrokken.")
        return
    try:
        token = create_token(user, name)
    except ServiceError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"API-token voor {user.email} als {user.role.value} (bewaar het nu, het wordt niet opnieuw "
               f"getoond; het stopt als het account een andere rol krijgt): {token}")


@users_cli.command("list")
def users_list():
    """List the accounts."""
    from sqlalchemy import select

    from triage.auth.models import User

    for user in db.session.scalars(select(User).order_by(User.email)):
        state = "actief" if user.active else "uitgeschakeld"
        click.echo(f"{user.email}\t{user.role.value}\t{state}")


@catalogue_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["triage", "hsds"]), default="triage")
def catalogue_import(file, fmt):
    """Validate FILE entirely, then create or update every entry by id."""
    from triage.catalogue.exchange import FileProblem, import_file

    try:
        result = import_file(file.read_bytes(), fmt)
    except FileProblem as problem:
        db.session.rollback()
        click.echo(f"Fout: {problem}; er is niets gewijzigd.", err=True)
        for line in problem.errors:
            click.echo(f"  {line}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Catalogus ingelezen: {result.summary()}.")


@catalogue_cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["triage", "hsds"]), default="triage")
def catalogue_export(file, fmt):
    """Write the whole catalogue to FILE."""
    from triage.catalogue.exchange import export_bytes

    file.write_bytes(export_bytes(fmt))
    click.echo(f"Catalogus geschreven naar {file}.")


@demo_cli.command("seed")
def demo_seed():
    """Fill an empty database with the demo town Dijlegem and one account per role."""
    from triage.demo.seed import DemoError, seed

    try:
        accounts = seed()
    except DemoError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"Demo-gemeente {current_app.config['TOWN_NAME']} is klaar. Accounts:")
    for email, role, password in accounts:
        click.echo(f"  {role:<12} {email:<32} {password}")


@demo_cli.command("generate")
@click.option("--requests", "count", type=click.IntRange(min=1), required=True, help="How many requests to add.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same data.")
def demo_generate(count, seed):
    """Add COUNT realistic requests over the last two years, with referrals and outcomes (catalogue if empty)."""
    import time

    from triage.demo.generate import after_load, generate
    from triage.reports.rollups import bulk_load

    started = time.perf_counter()
    with click.progressbar(length=count, label="Vragen gemaakt", show_eta=True, show_percent=True) as bar:
        # One transaction: the rows skip the rollup triggers and are counted in one pass at the end.
        with bulk_load():
            result = generate(count, seed=seed, progress=bar.update)
    db.session.commit()
    after_load()
    if result.catalogue_created:
        click.echo("De catalogus was leeg: de demo-gemeente en extra aanbod zijn toegevoegd.")
    click.echo(f"Klaar: {result.summary()}; met tellingen en statistieken {time.perf_counter() - started:.1f} s.")


@triage_cli.command("batch")
@click.argument("infile", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("outfile", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--now", "now_text", help="Fix the clock for course dates, e.g. 2026-12-01T09:00:00 (Brussels).")
def triage_batch(infile, outfile, now_text):
    """Triage every request of INFILE (JSON lines with an id) into OUTFILE, in the same order."""
    from triage.referrals.batch import run_batch

    try:
        count, failed = run_batch(infile, outfile, now_text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--now") from error
    click.echo(f"{count} vragen verwerkt, {failed} met een fout; resultaat in {outfile}.", err=True)


@triage_cli.command("eval")
@click.argument("labelled", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def triage_eval(labelled):
    """Score the classifier on LABELLED.jsonl: accuracy, macro-F1, per-class figures, themes."""
    from triage.classify.corpus import CorpusError, load_jsonl
    from triage.classify.metrics import evaluate, format_report
    from triage.classify.store import current_classifier

    try:
        examples = load_jsonl(labelled)
    except CorpusError as error:
        _fail(str(error))
    if not examples:
        _fail("het bestand bevat geen gelabelde vragen")
    click.echo(format_report(evaluate(current_classifier(), examples)))


@triage_cli.command("retrain")
@click.option("--force", is_flag=True, help="Retrain even without new confirmed labels.")
def triage_retrain(force):
    """Train on the corpus plus staff-confirmed labels; keep the new model only if it scores as well."""
    from triage.classify.store import retrain
    from triage.intake.queries import confirmed_examples

    outcome = retrain(confirmed_examples(), force=force)
    db.session.commit()
    click.echo(outcome.summary())


@jobs_cli.command("run")
def jobs_run():
    """Run the scheduler in the foreground until SIGTERM or Ctrl-C (never inside the web workers)."""
    import logging

    from triage.jobs.scheduler import run_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    click.echo("Planner gestart; stoppen met Ctrl-C of SIGTERM.", err=True)
    run_scheduler(current_app._get_current_object())
    click.echo("Planner gestopt.", err=True)


@jobs_cli.command("list")
def jobs_list():
    """Every job: id, schedule, description, last run; then when the scheduler was last seen."""
    from triage.jobs.queries import describe_run, last_run, latest_heartbeat, local_time
    from triage.jobs.registry import JOBS

    for job in JOBS:
        click.echo(f"{job.id}\t{job.schedule.label}\t{job.description}\t{describe_run(last_run(job.id))}")
    beat = latest_heartbeat()
    if beat is None:
        click.echo("Planner: nog nooit gezien (start hem met 'flask jobs run').")
    else:
        click.echo(f"Planner: laatst gezien op {local_time(beat.last_seen)} ({beat.name}).")


@jobs_cli.command("run-once")
@click.argument("job_id", metavar="ID")
@click.option("--now", "now_text", help="Fix the clock, e.g. 2026-11-26T03:10:00 (Brussels).")
def jobs_run_once(job_id, now_text):
    """Run job ID now, whatever ran before in this period; exit 1 when it fails."""
    from triage.catalogue.times import parse_datetime
    from triage.jobs.registry import UnknownJob, job_ids
    from triage.jobs.runner import run_job

    now = None
    if now_text:
        try:
            now = parse_datetime(now_text)
        except ValueError as error:
            raise click.BadParameter(f"ongeldige datum en tijd '{now_text}' (bv. 2026-11-26T03:10:00)",
                                     param_hint="--now") from error
    try:
        result = run_job(current_app._get_current_object(), job_id, now=now, force=True)
    except UnknownJob:
        _fail(f"onbekende taak '{job_id}'; bekende taken: {', '.join(job_ids())}")
    if result.status == "failed":
        click.echo(f"{job_id} ({result.period}): mislukt ({result.error})", err=True)
        sys.exit(1)
    click.echo(f"{job_id} ({result.period}): geslaagd" + (f": {result.summary}" if result.summary else ""))


def _backup_setting() -> tuple[Path | None, str]:
    from triage.backup import head_revision, sqlite_path

    return sqlite_path(current_app.config["DATABASE_URL"]), head_revision(current_app.extensions["migrate"].directory)


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file):
    """Copy the SQLite database to FILE while the app runs (online backup); PostgreSQL: prints how with pg_dump."""
    from triage.backup import BackupError, backup, postgres_instructions

    db_path, version = _backup_setting()
    if db_path is None:
        click.echo(postgres_instructions(current_app.config["DATABASE_URL"], str(file)), err=True)
        sys.exit(2)
    try:
        summary = backup(db_path, file, version)
    except BackupError as error:
        _fail(str(error))
    click.echo(f"Back-up gemaakt: {file} ({summary}).")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--force", is_flag=True, help="Restore even though a scheduler was seen in the last two minutes.")
@with_appcontext
def restore_command(file, yes, force):
    """Replace the SQLite database by FILE (checked first; the current one is kept). Stop the app first."""
    from triage.backup import (
        RUNNING_WITHIN_SECONDS,
        BackupError,
        inspect_file,
        postgres_instructions,
        restore,
        seconds_since_heartbeat,
    )

    db_path, version = _backup_setting()
    if db_path is None:
        click.echo(postgres_instructions(current_app.config["DATABASE_URL"], str(file)), err=True)
        sys.exit(2)
    try:
        summary = inspect_file(file, version)
    except BackupError as error:
        _fail(f"{error} Er is niets gewijzigd.")
    age = seconds_since_heartbeat(db_path) if db_path.is_file() else None
    if age is not None and age < RUNNING_WITHIN_SECONDS and not force:
        _fail(f"de planner draaide {age:.0f} s geleden nog. Stop eerst gunicorn en 'flask jobs run' "
              "(of gebruik --force). Er is niets gewijzigd.")
    if not yes:
        click.confirm(f"Alle gegevens in {db_path} worden vervangen door {file} ({summary}). Doorgaan?", abort=True)
    db.engine.dispose()  # this process's connections: none may hold the old pages
    try:
        restored, kept = restore(file, db_path, version, Path(current_app.instance_path))
    except BackupError as error:
        _fail(str(error))
    if kept:
        click.echo(f"De vorige databank is bewaard in {kept}.")
    click.echo(f"Teruggezet: {restored}. Start de app opnieuw.")


def register(app) -> None:
    for group in (users_cli, catalogue_cli, demo_cli, triage_cli, jobs_cli):
        app.cli.add_command(group)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
