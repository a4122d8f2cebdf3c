import pandas as pd

import framing
from framing.display import section, show, side_order
from conftest import CORPUS


def test_show_rounds_orders_sides_left_aligns_text_shows_dates_and_fits_the_width():
    study = framing.load_study(CORPUS / "study.yaml")
    table = pd.DataFrame({"doc_id": ["a"], "france_salience": [0.052632], "kremlin_salience": [0.5],
                          "date": pd.to_datetime(["2016-10-11"]), "headline": ["x" * 200]})
    html = show(table, study=study).to_html()
    assert "0.05" in html and "0.052632" not in html
    assert html.index("kremlin_salience") < html.index("france_salience")
    assert "2016-10-11" in html and "00:00:00" not in html
    assert "text-align: left" in html and "x" * 80 not in html
    wide = pd.DataFrame([range(12)], columns=[f"c{i}" for i in range(12)])
    html = show(wide, max_columns=8).to_html()
    assert "c7" in html and "c8" not in html.split("</caption>")[-1] and "4 more column(s)" in html
    assert side_order(["none", "france", "kremlin", "both"], study) == ["kremlin", "france", "both", "none"]


def test_section_says_what_is_skipped(capsys):
    assert section(True, "gold annotations")
    assert not section(False, "gold annotations")
    assert capsys.readouterr().out == "Skipped: this study has no gold annotations.\n"
