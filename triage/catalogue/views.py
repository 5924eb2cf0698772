"""Coordinator pages: list, view, create, edit and (de)activate catalogue entries."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from triage.auth.models import Role, User
from triage.catalogue import queries, services
from triage.catalogue.codes import ENTRY_TYPES, LANGUAGES, THEMES
from triage.catalogue.forms import FORMS
from triage.catalogue.models import CatalogueEntry
from triage.db import utcnow
from triage.errors import ServiceError
from triage.extensions import db
from triage.web.forms import BaseForm, ConfirmForm, choices
from triage.web.guard import roles
from triage.web.i18n import gettext as _
from triage.web.pagination import paginate

bp = Blueprint("catalogue", __name__, url_prefix="/catalogus")

# URL words for the entry types, in Dutch.
SLUGS = {"organisatie": "organisation", "digihelper": "digihelper", "cursus": "course"}
SLUG_OF = {v: k for k, v in SLUGS.items()}
READERS = ("balie", "coordinator", "admin")
EDITORS = ("coordinator", "admin")
# File-format field names that have another name on the form.
FIELD_ALIASES = {"id": "code", "title": "name", "type": "org_type"}


def _entry_type(slug: str) -> str:
    if slug not in SLUGS:
        abort(404)
    return SLUGS[slug]


def _get_entry(slug: str, code: str) -> CatalogueEntry:
    entry = services.find_entry(_entry_type(slug), code)
    if entry is None:
        abort(404)
    return entry


def entry_url(entry: CatalogueEntry, endpoint: str = "catalogue.detail") -> str:
    return url_for(endpoint, slug=SLUG_OF[entry.entry_type], code=entry.code)


@bp.app_context_processor
def _helpers():
    return {"entry_url": entry_url, "entry_types": ENTRY_TYPES, "theme_labels": THEMES}


@bp.app_template_filter("theme_labels")
def theme_labels(codes) -> str:
    """Theme codes -> their Dutch labels, comma-separated."""
    return ", ".join(THEMES.get(code, code) for code in codes or [])


@bp.get("/")
@roles(*READERS)
def index():
    args = request.args
    filters = {
        "search": args.get("q", "").strip()[:100],
        "entry_type": args.get("soort", "") if args.get("soort", "") in ENTRY_TYPES else "",
        "theme": args.get("thema", "") if args.get("thema", "") in THEMES else "",
        "language": args.get("taal", "").strip().lower()[:3],
        "active": args.get("actief", "") if args.get("actief", "") in ("ja", "nee") else "",
    }
    page = paginate(queries.entry_list(**filters))
    return render_template("catalogue/index.html", page=page, filters=filters, languages=LANGUAGES,
                           filtered=any(filters.values()))


@bp.get("/<slug>/<code>")
@roles(*READERS)
def detail(slug: str, code: str):
    entry = _get_entry(slug, code)
    return render_template("catalogue/detail.html", entry=entry, form=BaseForm(), slug=slug)


def _form_for(entry_type: str, entry: CatalogueEntry | None = None):
    form = FORMS[entry_type]()
    if hasattr(form, "organisation"):
        form.organisation.choices = choices([("", "(geen)"), *queries.organisation_choices(db.session)])
    if hasattr(form, "user_id"):
        users = db.session.scalars(select(User).where(User.role == Role.DIGIHELPER).order_by(User.name))
        form.user_id.choices = choices([("", "(geen account)")]
                                       + [(str(u.id), f"{u.name} ({u.email})") for u in users])
    if entry is not None and request.method == "GET":
        form.load_entry(entry)
    return form


def _show_errors(form, errors: list[str]) -> None:
    """Put 'field: message' lines on their fields; the rest above the form."""
    for line in errors:
        path, _, message = line.partition(": ")
        name = path.split("[")[0].split(".")[0]
        field = getattr(form, FIELD_ALIASES.get(name, name), None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message[:1].upper() + message[1:] + "."]
        else:
            form.form_errors.append(line)


def _save(entry_type: str, form, entry: CatalogueEntry | None):
    """Validate the form and the entry together, so every problem shows on the first try."""
    form_ok = form.validate()
    data = form.to_data()
    if getattr(form, "session_errors", None):
        form.sessions.errors = [*form.sessions.errors, *form.session_errors]
    problems = services.entry_problems(entry_type, data, existing=entry)
    # A field WTForms already flagged keeps its own (clearer) message.
    _show_errors(form, [p for p in problems if not _flagged(form, p)])
    if not form_ok or problems or getattr(form, "session_errors", None):
        return None
    try:
        saved = services.save_entry(entry_type, data, existing=entry)
        if hasattr(form, "user_id"):
            services.link_user(saved, int(form.user_id.data) if form.user_id.data else None)
    except ServiceError as error:
        db.session.rollback()
        _show_errors(form, [f"{error.field or ''}: {error}"])
        return None
    db.session.commit()
    return saved


def _flagged(form, line: str) -> bool:
    name = line.partition(": ")[0].split("[")[0].split(".")[0]
    field = getattr(form, FIELD_ALIASES.get(name, name), None)
    return bool(field is not None and getattr(field, "errors", None))


@bp.route("/<slug>/nieuw", methods=["GET", "POST"])
@roles(*EDITORS)
def create(slug: str):
    entry_type = _entry_type(slug)
    form = _form_for(entry_type)
    if form.is_submitted():
        saved = _save(entry_type, form, None)
        if saved is not None:
            flash(_("%(type)s '%(name)s' is toegevoegd.", type=ENTRY_TYPES[entry_type], name=saved.name), "success")
            return redirect(entry_url(saved))
    status = 400 if request.method == "POST" else 200
    return render_template("catalogue/form.html", form=form, entry=None, slug=slug,
                           entry_type=entry_type), status


@bp.route("/<slug>/<code>/bewerken", methods=["GET", "POST"])
@roles(*EDITORS)
def edit(slug: str, code: str):
    entry = _get_entry(slug, code)
    form = _form_for(entry.entry_type, entry)
    if form.is_submitted():
        saved = _save(entry.entry_type, form, entry)
        if saved is not None:
            flash(_("'%(name)s' is opgeslagen.", name=saved.name), "success")
            return redirect(entry_url(saved))
    status = 400 if request.method == "POST" else 200
    return render_template("catalogue/form.html", form=form, entry=entry, slug=slug,
                           entry_type=entry.entry_type), status


@bp.route("/<slug>/<code>/actief", methods=["GET", "POST"])
@roles(*EDITORS)
def toggle(slug: str, code: str):
    """Confirm, then deactivate (or reactivate) an entry; nothing is deleted."""
    entry = _get_entry(slug, code)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.set_entry_active(entry, not entry.active)
        db.session.commit()
        if entry.active:
            flash(_("'%(name)s' is weer actief.", name=entry.name), "success")
        else:
            flash(_("'%(name)s' is niet meer actief.", name=entry.name), "success")
        return redirect(entry_url(entry))
    status = 400 if request.method == "POST" else 200
    return render_template("catalogue/toggle.html", form=form, entry=entry), status


@bp.post("/<slug>/<code>/gecontroleerd")
@roles(*EDITORS)
def verified(slug: str, code: str):
    entry = _get_entry(slug, code)
    if BaseForm().validate_on_submit():
        from triage.web.filters import to_brussels

        services.mark_verified(entry, to_brussels(utcnow()).date())
        db.session.commit()
        flash(_("'%(name)s' is vandaag als gecontroleerd aangeduid.", name=entry.name), "success")
    return redirect(entry_url(entry))


