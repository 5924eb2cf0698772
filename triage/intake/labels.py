"""Dutch words for a request's channel, target groups and status, shared by the pages and the exports."""
from triage.intake.models import Channel, RequestStatus

CHANNELS = {Channel.BALIE.value: "Aan de balie", Channel.TELEFOON.value: "Telefoon",
            Channel.HUISBEZOEK.value: "Huisbezoek", Channel.EMAIL.value: "E-mail"}
TARGET_GROUPS = {"senioren": "Senior", "nieuwkomers": "Nieuwkomer", "jongeren": "Jongere",
                 "werkzoekenden": "Werkzoekende", "mensen-met-een-beperking": "Met een beperking",
                 "mensen-in-armoede": "In armoede"}
REQUEST_STATUS_LABELS = {
    RequestStatus.OPEN.value: "Wacht op doorverwijzing", RequestStatus.POOL.value: "In de pool voor digihelpers",
    RequestStatus.REFERRED.value: "Doorverwezen", RequestStatus.SOLVED.value: "Ter plaatse geholpen",
    RequestStatus.GAP.value: "Geen passend aanbod", RequestStatus.CLOSED.value: "Afgesloten"}
