"""Words for a request's channel, target groups and status, shared by the pages and the exports."""
from triage.intake.models import Channel, RequestStatus
from triage.web.i18n import lazy_gettext as _l

CHANNELS = {Channel.BALIE.value: _l("Aan de balie"), Channel.TELEFOON.value: _l("Telefoon"),
            Channel.HUISBEZOEK.value: _l("Huisbezoek"), Channel.EMAIL.value: _l("E-mail")}
TARGET_GROUPS = {"senioren": _l("Senior"), "nieuwkomers": _l("Nieuwkomer"), "jongeren": _l("Jongere"),
                 "werkzoekenden": _l("Werkzoekende"), "mensen-met-een-beperking": _l("Met een beperking"),
                 "mensen-in-armoede": _l("In armoede")}
REQUEST_STATUS_LABELS = {
    RequestStatus.OPEN.value: _l("Wacht op doorverwijzing"),
    RequestStatus.POOL.value: _l("In de pool voor digihelpers"),
    RequestStatus.REFERRED.value: _l("Doorverwezen"), RequestStatus.SOLVED.value: _l("Ter plaatse geholpen"),
    RequestStatus.GAP.value: _l("Geen passend aanbod"), RequestStatus.CLOSED.value: _l("Afgesloten")}
