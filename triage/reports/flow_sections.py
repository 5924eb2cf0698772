"""Report sections on the flow of requests and referrals: volumes, loop closure, success rates, timings."""
from triage.catalogue.codes import ENTRY_TYPES, KIND_LABELS, THEMES
from triage.referrals.lifecycle import DECLINE_REASONS
from triage.reports import charts
from triage.reports import queries as q
from triage.reports.base import CHANNELS, Block, Context, Section, counted, share
from triage.reports.charts import fmt_number, fmt_percent
from triage.reports.privacy import MIN_SHOWN, split_small
from triage.reports.tables import Column, Table, hours_text


def volumes(ctx: Context) -> Section:
    data = q.volumes(ctx.filters())
    total = data.get("total") or 0
    by_kind = data.get("by_kind") or {}
    kinds = [(KIND_LABELS.get(k, k), by_kind.get(k, 0)) for k in ("hulpvraag", "leervraag")]
    kinds += [(KIND_LABELS.get(k, k or "Onbekend"), n) for k, n in by_kind.items() if k not in KIND_LABELS]
    key_table = Table("kerncijfers", "Kerncijfers", [Column("Wat"), Column("Aantal", "int")], [
        ["Vragen", total],
        *[[label, n] for label, n in kinds],
        ["Geen passend aanbod (onvervulde vraag)", data.get("gaps") or 0],
        ["Meteen geholpen aan de balie", data.get("solved_at_counter") or 0],
    ])
    kind_table = Table("soort", "Hulpvraag en leervraag", [Column("Soort"), Column("Aantal", "int"),
                                                           Column("Aandeel", "percent")],
                       [[label, n, share(n, total)] for label, n in kinds])
    kind_chart = None
    if total:
        kind_chart = charts.stacked_bar(
            ctx.chart_id("soort"), "Hulpvraag en leervraag",
            "Eén balk verdeeld in hulpvragen en leervragen: "
            + ", ".join(f"{label} {fmt_number(n)} ({fmt_percent(share(n, total))})" for label, n in kinds) + ".",
            kinds)
    blocks = [
        Block(key_table),
        Block(kind_table, kind_chart),
        counted("thema", "Vragen per thema", "Thema",
                 [(THEMES.get(code, code or "Onbekend"), n) for code, n in data.get("by_theme") or []],
                 ctx.chart_id("thema"), "Vragen per thema", total),
        counted("kanaal", "Vragen per kanaal", "Kanaal",
                 [(CHANNELS.get(c, c or "Onbekend"), n) for c, n in data.get("by_channel") or []],
                 ctx.chart_id("kanaal"), "Vragen per kanaal", total),
        counted("postcode", "Vragen per postcode (deelgemeente)", "Postcode",
                 [(ctx.postcode(pc), n) for pc, n in data.get("by_postcode") or []],
                 ctx.chart_id("postcode"), "Vragen per postcode", total),
    ]
    figures = [("Vragen", fmt_number(total))] + [(label, fmt_number(n)) for label, n in kinds[:2]]
    figures.append(("Geen passend aanbod", fmt_number(data.get("gaps") or 0)))
    return Section("volumes", "Aantal vragen", "Hoeveel vragen kwamen binnen, van welke soort, over welk thema, "
                   "langs welk kanaal en uit welke deelgemeente.", blocks, figures, empty=not total,
                   note=ctx.target_note())


def loop_closure(ctx: Context) -> Section:
    data = q.loop_closure(ctx.filters(), ctx.now)
    due, closed, share = data.get("due") or 0, data.get("closed") or 0, data.get("share")
    table = Table("opvolging", "Opvolging van doorverwijzingen",
                  [Column("Doorverwijzingen"), Column("Aantal", "int"), Column("Aandeel", "percent")],
                  [["Ouder dan de opvolgtermijn", due, None], ["Met een uitkomst", closed, share],
                   ["Zonder uitkomst", due - closed, 1 - share if share is not None else None]] if due else [])
    chart = None
    if due:
        chart = charts.bar_chart(
            ctx.chart_id("opvolging"), "Doorverwijzingen met een uitkomst",
            f"{fmt_percent(share)} van de {fmt_number(due)} doorverwijzingen ouder dan de opvolgtermijn heeft "
            f"een uitkomst ({fmt_number(closed)}).",
            [("Met uitkomst", (share or 0) * 100, f"{fmt_percent(share)} ({fmt_number(closed)} van {fmt_number(due)})"),
             ("Zonder uitkomst", (1 - (share or 0)) * 100,
              f"{fmt_percent(1 - (share or 0))} ({fmt_number(due - closed)} van {fmt_number(due)})")],
            max_value=100)
    figures = [("Met een uitkomst", fmt_percent(share) if due else "–")]
    return Section("opvolging", "Is de lus gesloten?",
                   "Van de doorverwijzingen die ouder zijn dan de opvolgtermijn: hoeveel hebben een uitkomst?",
                   [Block(table, chart)], figures)


SUCCESS_DIMENSIONS = [
    ("by_target_type", "doeltype", "Soort aanbod"),
    ("by_organisation", "organisatie", "Organisatie"),
    ("by_digihelper", "digihelper", "Digihelper"),
    ("by_course", "cursus", "Cursus"),
    ("by_theme", "thema", "Thema"),
    ("by_kind", "soort", "Soort vraag"),
]


def _rate_label(row) -> str:
    key, label = row.get("key"), row.get("label")
    return str(label or ENTRY_TYPES.get(key) or KIND_LABELS.get(key) or THEMES.get(key) or key or "Onbekend")


def success_rates(ctx: Context) -> Section:
    data = q.success_rates(ctx.filters())
    columns = [Column("Naam"), Column("Afgesloten", "int"), Column("Geslaagd", "int"), Column("Slaagkans", "rate")]
    overall = data.get("overall")
    overall_rows = overall if isinstance(overall, list) else [overall] if overall else []
    blocks = []
    figures = []
    for row in overall_rows[:1]:
        rate = row.get("rate")
        figures.append(("Slaagkans", fmt_percent(rate) if rate is not None else "te weinig afgesloten"))
        figures.append(("Afgesloten", fmt_number(row.get("closed") or 0)))
    for key, slug, name in SUCCESS_DIMENSIONS:
        rows = list(data.get(key) or [])
        note = ""
        if key == "by_digihelper" and not ctx.sees_small_counts:
            rows, hidden = split_small(rows)
            if hidden:
                note = (f"{len(hidden)} {'digihelper' if len(hidden) == 1 else 'digihelpers'} met minder dan "
                        f"{MIN_SHOWN} afgesloten of geslaagde doorverwijzingen niet getoond. Alleen coördinatoren "
                        "zien die.")
        table = Table(f"slaagkans-{slug}", f"Slaagkans per {name.lower()}", [Column(name), *columns[1:]],
                      [[_rate_label(r), r.get("closed") or 0, r.get("successes") or 0, r.get("rate")] for r in rows],
                      note=note)
        chart = None
        if rows:
            described = [(_rate_label(r), round(r["rate"] * 100)) for r in rows if r.get("rate") is not None]
            chart = charts.bar_chart(
                ctx.chart_id(f"slaagkans-{slug}"), f"Slaagkans per {name.lower()}",
                f"Staafdiagram van de slaagkans (geholpen of zelfstandig, op afgesloten doorverwijzingen). "
                f"{charts.describe_top(described, '%')} Geen kans getoond bij minder dan {q.MIN_CLOSED} "
                "afgesloten.",
                [(_rate_label(r), r["rate"] * 100 if r.get("rate") is not None else None,
                  f"{fmt_percent(r['rate'])} ({fmt_number(r.get('successes') or 0)} van "
                  f"{fmt_number(r.get('closed') or 0)})" if r.get("rate") is not None
                  else f"te weinig afgesloten ({fmt_number(r.get('closed') or 0)})") for r in rows],
                max_value=100)
        blocks.append(Block(table, chart, heading=f"Per {name.lower()}"))
    return Section("slaagkans", "Slaagkans",
                   "Geslaagd = afgesloten als 'geholpen' of 'zelfstandig'. We tonen geen slaagkans bij minder dan "
                   f"{q.MIN_CLOSED} afgesloten doorverwijzingen; het aantal staat er wel altijd bij.",
                   blocks, figures)


def timings_and_declines(ctx: Context) -> Section:
    f = ctx.filters()
    times = q.timings(f)
    declines = q.declines(f)
    time_rows = []
    for key, label in (("acceptance", "Tot aanvaarden"), ("closure", "Tot afsluiten")):
        item = times.get(key) or {}
        if item.get("n"):
            time_rows.append([label, item.get("n"), item.get("median_hours"), item.get("p90_hours")])
    time_table = Table("doorlooptijden", "Doorlooptijden",
                       [Column("Stap"), Column("Aantal", "int"), Column("Mediaan", "hours"),
                        Column("90e percentiel", "hours")], time_rows,
                       note="Mediaan: de helft ging sneller. 90e percentiel: 9 op 10 gingen sneller. Elke "
                            "doorverwijzing telt mee afgerond op het uur, vanaf 2 dagen op de dag.")
    time_chart = None
    if time_rows:
        time_chart = charts.grouped_bars(
            ctx.chart_id("doorlooptijden"), "Doorlooptijden",
            "Mediaan en 90e percentiel: "
            + "; ".join(f"{r[0]}: mediaan {hours_text(r[2])}, 90e percentiel {hours_text(r[3])}"
                        for r in time_rows) + ".",
            [r[0] for r in time_rows],
            [("Mediaan", [round(r[2] or 0, 1) for r in time_rows]),
             ("90e percentiel", [round(r[3] or 0, 1) for r in time_rows])],
            value_text=lambda value, name: f"{name.lower()}: {hours_text(value)}")
    reasons = [(DECLINE_REASONS.get(code, code or "Onbekend"), n) for code, n in declines.get("by_reason") or []]
    reason_block = counted("weigerredenen", "Weigeringen per reden", "Reden", reasons,
                            ctx.chart_id("weigerredenen"), "Weigeringen per reden")
    nudges = Table("herinneringen", "Herinneringen en escalaties", [Column("Wat"), Column("Aantal", "int")],
                   [["Herinneringen verstuurd", declines.get("reminders") or 0],
                    ["Doorgegeven aan de coördinator (escalatie)", declines.get("escalations") or 0]])
    figures = []
    acceptance = times.get("acceptance") or {}
    if acceptance.get("n"):
        figures.append(("Tijd tot aanvaarden (mediaan)", hours_text(acceptance.get("median_hours"))))
    figures.append(("Weigeringen", fmt_number(sum(n for _, n in reasons))))
    return Section("doorlooptijd", "Doorlooptijd, weigeringen en herinneringen",
                   "Hoe snel een doorverwijzing aanvaard en afgesloten wordt, waarom ze geweigerd wordt, en hoe "
                   "vaak we moesten herinneren of doorgeven aan de coördinator.",
                   [Block(time_table, time_chart), Block(reason_block.table, reason_block.chart,
                                                         heading="Weigerredenen"),
                    Block(nudges)], figures)


