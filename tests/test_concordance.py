import pytest

import framing
from framing.concordance import KWIC_COLUMNS, format_kwic, kwic, kwic_term
from framing.text import source_text


@pytest.fixture(scope="module")
def run(articles, study):
    return framing.analyse(articles, study)


def test_kwic_lines_point_at_their_hits(articles, run):
    table = kwic(articles, run.hits, category="kremlin.programme", window=30)
    assert list(table.columns) == KWIC_COLUMNS
    assert len(table) == (run.hits["category"] == "kremlin.programme").sum() > 0
    by_id = articles.set_index("doc_id")
    for row in table.itertuples():
        text = source_text(by_id.loc[row.doc_id], row.part)
        assert text[row.start:row.end] == row.match
        assert len(row.left) <= 30 and len(row.right) <= 30


def test_kwic_filters_by_category_prefix_and_side(articles, run):
    france = kwic(articles, run.hits, category="france")
    assert set(france["side"]) == {"france"} and france["category"].str.startswith("france.").all()
    assert len(kwic(articles, run.hits, side="kremlin")) == (run.hits["side"] == "kremlin").sum()


def test_kwic_for_any_term_in_any_language(articles, run):
    table = kwic_term(articles, run.sentences, "программ*")
    assert len(table) > 0 and table["match"].str.lower().str.startswith("программ").all()
    lines = format_kwic(table.head(3), window=20)
    assert all("[" in line and line.index("[") == 22 for line in lines)


def test_kwic_errors(articles, run):
    with pytest.raises(framing.FramingError, match="invalid value -1 for window"):
        kwic(articles, run.hits, window=-1)
    with pytest.raises(framing.FramingError, match="not in the corpus table"):
        kwic(articles.iloc[:1], run.hits)
