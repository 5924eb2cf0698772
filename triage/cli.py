"""flask command groups by noun: users, catalogue, demo."""
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from triage.errors import ServiceError
from triage.extensions import db

users_cli = AppGroup("users", help="Staff accounts and API tokens.")
catalogue_cli = AppGroup("catalogue", help="Import and export the catalogue.")
demo_cli = AppGroup("demo", help="Demo data.")


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
def users_token(email):
    """Make an API token for this account; it is printed once, as the last word."""
    from triage.auth.services import create_token, find_user_by_email

    user = find_user_by_email(email)
    if user is None:
        _fail(f"geen account met e-mailadres {email}")
    try:
        token = create_token(user)
    except ServiceError as error:
        _fail(str(error))
    db.session.commit()
    click.echo(f"API-token voor {user.email} (bewaar het nu, het wordt niet opnieuw getoond): {token}")


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


def register(app) -> None:
    for group in (users_cli, catalogue_cli, demo_cli):
        app.cli.add_command(group)
