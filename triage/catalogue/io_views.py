"""Coordinator pages: upload and download the catalogue file."""
from flask import Blueprint, Response, render_template, request

from triage.catalogue.exchange import FORMATS, FileProblem, export_bytes, import_file
from triage.catalogue.forms import ImportForm
from triage.db import utcnow
from triage.extensions import db
from triage.web.guard import roles

bp = Blueprint("catalogue_io", __name__, url_prefix="/catalogus")


@bp.route("/importeren", methods=["GET", "POST"])
@roles("coordinator", "admin")
def upload():
    form = ImportForm()
    result = errors = None
    status = 200
    if form.validate_on_submit():
        upload_file = request.files.get(form.file.name)
        if upload_file is None or not upload_file.filename:
            form.file.errors = ["Kies een bestand om in te lezen."]
            status = 400
        else:
            try:
                result = import_file(upload_file.read(), form.fmt.data)
            except FileProblem as problem:
                db.session.rollback()
                errors = problem.errors
                status = 400
            else:
                db.session.commit()
    elif request.method == "POST":
        status = 400
    return render_template("catalogue/import.html", form=form, result=result,
                           errors=errors), status


@bp.get("/exporteren")
@roles("coordinator", "admin")
def download():
    fmt = request.args.get("formaat", "triage")
    if fmt not in FORMATS:
        fmt = "triage"
    stamp = utcnow().strftime("%Y%m%d")
    name = f"catalogus-{stamp}.json" if fmt == "triage" else f"catalogus-hsds-{stamp}.json"
    return Response(export_bytes(fmt), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
