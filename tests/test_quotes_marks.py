"""The one detector of direct quotations (framing/quotes/marks.py), and matching's use of it."""

import pandas as pd
import pytest

import framing
from framing.quotes.marks import quote_spans


def texts(s, spans):
    return [s[a:b] for a, b in spans]


@pytest.mark.parametrize("s, expected", [
    ("He said “no, ‘never’, no” and left.", ["“no, ‘never’, no”"]),
    ("Il a dit « non, “jamais”, merci ». Puis « oui ».", ["« non, “jamais”, merci »", "« oui »"]),
    ("Он сказал: „нет“. И «да».", ["„нет“", "«да»"]),
    ('Straight "quotes" and ‹ angles › too.', ['"quotes"', "‹ angles ›"]),
])
def test_quotes_of_every_style(s, expected):
    assert texts(s, quote_spans(s)) == expected


def test_unbalanced_quote_stops_at_the_paragraph_end():
    s = "He said “this never closes.\n\nA new paragraph, unquoted."
    spans = quote_spans(s)
    assert texts(s, spans) == ["“this never closes."]
    assert s.index("A new") >= spans[0][1]


def test_stray_closing_mark_is_not_a_quote():
    s = "A stray » mark and then «a real one»."
    assert texts(s, quote_spans(s)) == ["«a real one»"]


def test_a_dialogue_dash_opens_direct_speech():
    s = "Intro.\n\n— Мы ждали этого дня, — сказал он."
    assert texts(s, quote_spans(s)) == ["— Мы ждали этого дня"]


ARTICLE = pd.DataFrame({
    "doc_id": ["q"], "headline": ["Putin cancels visit"], "lang": ["en"],
    "text": ["Hollande spoke of ‘war crimes’ in Aleppo.\n\nThe Kremlin said the visit was off."],
})


@pytest.mark.parametrize("attribution", [True, False])
def test_single_quotation_marks_count_for_matching(study, attribution):
    # bug fix: text.quote_spans ignored ‘ ’, so in_quote was False without attribution
    hits = framing.analyse(ARTICLE, study, attribution=attribution).hits
    war = hits[hits["term"].str.startswith("war crime")]
    assert len(war) >= 1 and war["in_quote"].all()
    assert not hits[hits["term"] == "Aleppo"]["in_quote"].any()


def test_in_quote_is_the_same_with_and_without_attribution(articles, study):
    with_speech = framing.analyse(articles, study).hits
    marks_only = framing.analyse(articles, study, attribution=False).hits
    assert with_speech["in_quote"].any()
    pd.testing.assert_series_equal(with_speech["in_quote"], marks_only["in_quote"])
