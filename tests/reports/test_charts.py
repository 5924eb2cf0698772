"""Server-side SVG charts: role=img with a title and a description, every number as text, labels escaped."""
import xml.etree.ElementTree as ET

from markupsafe import Markup

from triage.reports import charts
from triage.reports.csv_export import to_csv
from triage.reports.privacy import hide_small_digihelper_counts
from triage.reports.tables import MASKED, Column, Table

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup):
    assert isinstance(markup, Markup)
    return ET.fromstring(str(markup))  # noqa: S314 - our own markup


def _texts(root) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def _accessible(root, chart_id):
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root.find(f"{SVG}title").get("id") == f"{chart_id}-title"
    assert root.find(f"{SVG}desc").text
    assert "style" not in str(ET.tostring(root))  # CSP: style-src 'self'


def test_bar_chart_prints_each_value_and_escapes_labels():
    root = _parse(charts.bar_chart("c1", "Per <thema>", "Beschrijving & meer",
                                   [("<script>alert(1)</script>", 12, "12 (60%)"), ("Bank", 8, "8 (40%)")]))
    _accessible(root, "c1")
    assert root.find(f"{SVG}title").text == "Per <thema>"
    texts = _texts(root)
    assert "12 (60%)" in texts and "8 (40%)" in texts and "<script>alert(1)</script>" in texts
    assert len(root.findall(f"{SVG}rect")) == 2


def test_bar_chart_draws_no_bar_for_a_missing_rate():
    root = _parse(charts.bar_chart("c2", "Slaagkans", "d", [("An", None, "te weinig afgesloten (3)"),
                                                           ("Bo", 80, "80% (8 van 10)")], max_value=100))
    assert len(root.findall(f"{SVG}rect")) == 1
    assert "te weinig afgesloten (3)" in _texts(root)


def test_stacked_and_grouped_bars_carry_names_and_numbers_beside_patterns():
    stacked = _parse(charts.stacked_bar("c3", "Soort", "d", [("Hulpvraag", 30), ("Leervraag", 10)]))
    _accessible(stacked, "c3")
    assert "Hulpvraag: 30 (75%)" in _texts(stacked) and "Leervraag: 10 (25%)" in _texts(stacked)
    assert stacked.find(f"{SVG}defs/{SVG}pattern").get("id").startswith("c3-")
    grouped = _parse(charts.grouped_bars("c4", "Per maand", "d", ["jan 26", "feb 26"],
                                         [("Hulpvraag", [5, 7]), ("Leervraag", [1, 0])]))
    texts = _texts(grouped)
    assert {"5 hulpvraag", "7 hulpvraag", "1 leervraag", "0 leervraag", "Hulpvraag", "Leervraag"} <= set(texts)


def test_line_chart_has_a_legend_with_each_lines_dash_and_last_value():
    root = _parse(charts.line_chart("c5", "Per week", "d", ["w1", "w2", "w3"],
                                    [("Vragen", [3, 1234, 5]), ("Onvervuld", [0, 1, 0])]))
    _accessible(root, "c5")
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 2 and lines[0].get("stroke-dasharray") != lines[1].get("stroke-dasharray")
    assert "Vragen (laatste: 5)" in _texts(root) and "Onvervuld (laatste: 0)" in _texts(root)
    legend = [line for line in root.findall(f"{SVG}line") if line.get("x2") == "34"]
    assert [line.get("stroke-dasharray") for line in legend] == [lines[0].get("stroke-dasharray"),
                                                                 lines[1].get("stroke-dasharray")]
    assert "2.000" in _texts(root)  # axis in Belgian notation


def test_formats_are_belgian():
    assert charts.fmt_number(1234) == "1.234" and charts.fmt_number(3.25) == "3,2"
    assert charts.fmt_percent(0.724) == "72%" and charts.fmt_percent(None) == "–"


def test_csv_is_excel_ready_and_formula_safe():
    table = Table("t", "T", [Column("Naam"), Column("Aantal", "int"), Column("Slaagkans", "percent")],
                  [["=HYPERLINK(\"x\")", 3, 0.5], ["An; Bo", MASKED, None]])
    text = to_csv(table)
    assert text.startswith("\ufeffNaam;Aantal;Slaagkans (%)\r\n")
    assert '"\'=HYPERLINK(""x"")";3;50,0\r\n' in text
    assert '"An; Bo";<5;\r\n' in text


def test_summary_for_admins_drops_small_digihelper_rows():
    data = {"success_rates": {"by_digihelper": [{"key": "a", "closed": 3, "successes": 2},
                                                {"key": "b", "closed": 9, "successes": 6}],
                              "by_theme": [{"key": "t", "closed": 2, "successes": 1}]},
            "catalogue": [{"type": "digihelper", "open": 2}, {"type": "course", "open": 2}]}
    hidden = hide_small_digihelper_counts(data)
    assert [r["key"] for r in hidden["success_rates"]["by_digihelper"]] == ["b"]
    assert hidden["success_rates"]["by_theme"] == data["success_rates"]["by_theme"]
    assert hidden["catalogue"] == [{"type": "digihelper", "open": None}, {"type": "course", "open": 2}]
    assert len(data["success_rates"]["by_digihelper"]) == 2  # the original is untouched
