"""Report sections on needs and supply: unmet needs, online services, hulp to leer, the catalogue, trends."""
from triage.catalogue.codes import ENTRY_TYPES, LANGUAGES, NEEDS, THEMES
from triage.reports import base, charts
from triage.reports import queries as q
from triage.reports.base import Block, Context, Section, counted, share
from triage.reports.charts import fmt_number, fmt_percent
from triage.reports.privacy import MIN_SHOWN
from triage.reports.tables import MASKED, Column, Table

HULP_NOTE = ("De filter op soort aanbod of organisatie geldt hier alleen voor de afgesloten doorverwijzingen, niet "
             "voor het aantal burgers.")


def unmet_needs(ctx: Context) -> Section:
    rows = q.unmet_needs(ctx.filters())
    table = Table("onvervulde-noden", "Onvervulde vragen per thema, taal, postcode en nood",
                  [Column("Thema"), Column("Taal"), Column("Postcode"), Column("Nood"), Column("Aantal", "int")],
                  [[THEMES.get(r.get("theme"), r.get("theme") or "Onbekend"),
                    LANGUAGES.get(r.get("language"), r.get("language") or "Onbekend"),
                    ctx.postcode(r.get("postcode")),
                    NEEDS.get(r.get("need"), r.get("need")) if r.get("need") else "Geen",
                    r.get("n") or 0] for r in rows])
    per_theme: dict[str, int] = {}
    for row in table.rows:
        per_theme[row[0]] = per_theme.get(row[0], 0) + row[4]
    pairs = sorted(per_theme.items(), key=lambda item: -item[1])
    chart = None
    if pairs:
        chart = charts.bar_chart(
            ctx.chart_id("onvervuld"), "Onvervulde vragen per thema",
            f"Staafdiagram, {len(pairs)} thema's. {charts.describe_top(pairs)} De tabel splitst verder naar taal, "
            "postcode en nood.", [(label, n, fmt_number(n)) for label, n in pairs])
    return Section("onvervuld", "Onvervulde noden",
                   "Vragen waarvoor geen passend aanbod was: zo ziet u welk aanbod ontbreekt.",
                   [Block(table, chart)], [("Onvervulde vragen", fmt_number(sum(r[4] for r in table.rows)))],
                   note=ctx.target_note())


def online_services(ctx: Context) -> Section:
    rows = q.online_services(ctx.filters())
    pairs = [(r.get("label") or r.get("service"), r.get("n") or 0) for r in rows]
    block = counted("online-diensten", "Online diensten genoemd in vragen", "Dienst", pairs,
                     ctx.chart_id("online-diensten"), "Online diensten genoemd in vragen")
    start, end = base.month_window(ctx.period)
    trend = q.service_trend(ctx.filters(start, end), "month")
    periods = list(trend.get("periods") or [])
    series = trend.get("series") or {}
    labels = {r.get("service"): r.get("label") or r.get("service") for r in rows}
    codes = sorted(series, key=lambda code: -sum(series[code]))
    trend_table = Table("online-diensten-verloop", "Online diensten per maand",
                        [Column("Maand"), *[Column(str(labels.get(c, c)), "int") for c in codes]],
                        [[base.period_label(p, "month"), *[series[c][i] for c in codes]]
                         for i, p in enumerate(periods)])
    chart = None
    if codes and periods:
        top = codes[:base.TOP_SERVICES]
        chart = charts.line_chart(
            ctx.chart_id("online-diensten-verloop"), "Online diensten per maand",
            f"Lijndiagram van {base.period_label(periods[0], 'month')} tot {base.period_label(periods[-1], 'month')}, "
            f"de {len(top)} meest genoemde diensten. Elke lijn heeft een eigen streepjes- en puntvorm en draagt "
            "haar naam. Alle cijfers staan in de tabel.",
            [base.period_label(p, "month", short=True) for p in periods],
            [(str(labels.get(c, c)), series[c]) for c in top])
    return Section("diensten", "Online diensten",
                   "De e-overheidsdiensten en andere online diensten waarover burgers vragen stelden. Geef ze door "
                   "aan wie de dienst beheert.",
                   [block, Block(trend_table, chart, heading="Verloop per maand")], note=ctx.target_note())


def hulp_to_leer(ctx: Context) -> Section:
    data = q.hulp_to_leer(ctx.filters())
    citizens = data.get("citizens") or 0
    followed, closed = data.get("followed_by_learning") or 0, data.get("closed") or 0
    table = Table("hulp-naar-leer", "Van hulpvraag naar leervraag",
                  [Column("Wat"), Column("Aantal", "int"), Column("Aandeel", "percent")],
                  [["Burgers met een hulpvraag", citizens, None],
                   ["Daarna een leervraag of cursus (aandeel van de burgers)", followed, share(followed, citizens)],
                   ["Afgesloten", closed, None],
                   ["Afgesloten als zelfstandig (aandeel van de afgesloten)", data.get("zelfstandig") or 0,
                    data.get("zelfstandig_share")]] if citizens else [])
    chart = None
    if citizens:
        zelfstandig_share = data.get("zelfstandig_share")
        rows = [("Met een hulpvraag", citizens, fmt_number(citizens)),
                ("Daarna leervraag of cursus", followed,
                 f"{fmt_number(followed)} ({fmt_percent(followed / citizens)})"),
                ("Zelfstandig afgesloten", data.get("zelfstandig") or 0,
                 f"{fmt_number(data.get('zelfstandig') or 0)} "
                 f"({fmt_percent(zelfstandig_share) if zelfstandig_share is not None else 'te weinig afgesloten'})")]
        chart = charts.bar_chart(ctx.chart_id("hulp-naar-leer"), "Van hulpvraag naar leervraag",
                                 f"{fmt_number(followed)} van de {fmt_number(citizens)} burgers met een hulpvraag "
                                 "stelden daarna een leervraag of volgden een cursus.", rows)
    return Section("hulp-naar-leer", "Van hulp naar leren",
                   "Burgers die eerst geholpen werden en daarna zelf wilden leren, en hoeveel er zelfstandig werden.",
                   [Block(table, chart)], note=ctx.target_note(HULP_NOTE))


def catalogue(ctx: Context) -> Section:
    rows = q.catalogue_load(ctx.now)
    table_rows = []
    for r in rows:
        open_cases = r.get("open")
        if r.get("type") == "digihelper" and not ctx.sees_small_counts and open_cases is not None \
                and open_cases < MIN_SHOWN:
            open_cases = MASKED
        table_rows.append([r.get("name") or r.get("code"), ENTRY_TYPES.get(r.get("type"), r.get("type")),
                           r.get("organisation") or "", open_cases, r.get("capacity"), r.get("last_verified"),
                           bool(r.get("stale"))])
    stale = sum(1 for r in rows if r.get("stale"))
    table = Table("aanbod", "Aanbod: belasting, capaciteit en laatst nagekeken",
                  [Column("Naam"), Column("Soort"), Column("Organisatie"), Column("Open", "int"),
                   Column("Capaciteit", "int"), Column("Laatst nagekeken", "date"),
                   Column("12 maanden niet nagekeken", "bool")], table_rows,
                  note="" if ctx.sees_small_counts else
                  "Bij digihelpers tonen we minder dan 5 open dossiers niet als getal; alleen coördinatoren zien dat.")
    return Section("aanbod", "Aanbod", "Per digihelper, cursus en organisatie: hoeveel loopt er, hoeveel kan er, en "
                   "wanneer werd het laatst nagekeken. Aanbod dat 12 maanden niet nagekeken werd, staat in de "
                   "laatste kolom.", [Block(table)], [("Niet nagekeken in 12 maanden", fmt_number(stale))])


def trend(ctx: Context) -> Section:
    blocks = []
    for granularity, window, noun in (("week", base.week_window, "week"), ("month", base.month_window, "maand")):
        start, end = window(ctx.period)
        rows = q.trend(ctx.filters(start, end), granularity)
        slug = f"verloop-{noun}"
        table = Table(slug, f"Vragen per {noun}",
                      [Column(noun.capitalize()), Column("Vragen", "int"), Column("Hulpvraag", "int"),
                       Column("Leervraag", "int"), Column("Onvervuld", "int")],
                      [[base.period_label(r["period"], granularity), r.get("requests") or 0, r.get("hulpvraag") or 0,
                        r.get("leervraag") or 0, r.get("gaps") or 0] for r in rows])
        chart = None
        if rows and any(r.get("requests") for r in rows):
            labels = [base.period_label(r["period"], granularity, short=True) for r in rows]
            chart = charts.line_chart(
                ctx.chart_id(slug), f"Vragen per {noun}",
                f"Lijndiagram van {base.period_label(rows[0]['period'], granularity)} tot "
                f"{base.period_label(rows[-1]['period'], granularity)}: alle vragen, hulpvragen, leervragen en "
                f"onvervulde vragen. {_peak(rows, granularity)} Alle cijfers staan in de tabel.",
                labels, [(name, [r.get(key) or 0 for r in rows]) for key, name in (
                    ("requests", "Vragen"), ("hulpvraag", "Hulpvraag"), ("leervraag", "Leervraag"),
                    ("gaps", "Onvervuld"))])
        blocks.append(Block(table, chart, heading=f"Per {noun}"))
        if granularity == "month":
            grouped = None
            if any(r.get("requests") for r in rows):
                shown = rows[-12:]  # the table has every month; the chart the last 12
                grouped = charts.grouped_bars(
                    ctx.chart_id("soort-per-maand"), "Hulpvraag en leervraag per maand",
                    f"Voor de laatste {len(shown)} maanden twee staven per maand: hulpvragen (effen) en leervragen "
                    "(gearceerd), elk met het aantal erbij.",
                    [base.period_label(r["period"], "month") for r in shown],
                    [("Hulpvraag", [r.get("hulpvraag") or 0 for r in shown]),
                     ("Leervraag", [r.get("leervraag") or 0 for r in shown])])
            blocks.append(Block(Table("soort-per-maand", "Hulpvraag en leervraag per maand",
                                      [Column("Maand"), Column("Hulpvraag", "int"), Column("Leervraag", "int")],
                                      [[base.period_label(r["period"], "month"), r.get("hulpvraag") or 0,
                                        r.get("leervraag") or 0] for r in rows]),
                                grouped, heading="Hulpvraag en leervraag per maand"))
    return Section("verloop", "Verloop per week en per maand",
                   "De laatste 13 weken en 12 maanden tot het einde van de gekozen periode (of de hele periode als "
                   "die langer is).", blocks, note=ctx.target_note())


def _peak(rows, granularity) -> str:
    best = max(rows, key=lambda r: r.get("requests") or 0)
    return f"Het meest: {base.period_label(best['period'], granularity)} met {fmt_number(best.get('requests') or 0)}."


