import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.errors import UnsupportedLanguageError
from framing.scoring import HIT_COLUMNS, PART_WEIGHTS, score_marks
from framing.text import source_text

from conftest import CORPUS


@pytest.fixture(scope="module")
def seed_run(seed, study):
    return framing.analyse(seed, study)


def sentence_with(run, words):
    rows = run.sentences[run.sentences["text"].str.contains(words, regex=False)]
    assert len(rows) == 1, words
    return int(rows["sent_id"].iloc[0])


def sides_of(run, sent_id):
    return set(run.hits.loc[run.hits["sent_id"] == sent_id, "side"].dropna())


def test_seed_carries_both_accounts(seed_run):
    scores = seed_run.scores.iloc[0]
    assert scores["kremlin_presence"] == 1 and scores["france_presence"] == 1


def test_seed_programme_sentence_carries_the_kremlin_account(seed_run):
    sent = sentence_with(seed_run, "fell out of the program")
    assert "kremlin" in sides_of(seed_run, sent)


def test_seed_syria_request_sentence_carries_the_french_account(seed_run):
    sent = sentence_with(seed_run, "request that the meeting be dedicated to Syria")
    assert "france" in sides_of(seed_run, sent)


def test_seed_headline_carries_the_french_account_so_primacy_is_france(seed_run):
    assert sides_of(seed_run, 0) == {"france"}
    assert seed_run.scores.iloc[0]["primacy"] == "france"


def test_hit_spans_slice_the_matched_words(seed_run, seed):
    article = seed.iloc[0]
    assert list(seed_run.hits.columns) == [*HIT_COLUMNS, "in_speech"]  # analyse adds attribution
    for hit in seed_run.hits.itertuples():
        matched = source_text(article, hit.part)[hit.start:hit.end]
        first, last = hit.term.lower().split()[0].rstrip("*"), hit.term.lower().split()[-1].rstrip("*")
        assert matched.lower().startswith(first) and last in matched.lower().split()[-1]
    programme = seed_run.hits[seed_run.hits["category"] == "kremlin.programme"].iloc[0]
    assert article["text"][programme.start:programme.end] == "fell out of the program"
    assert programme.in_quote  # the journalist quotes the Kremlin's words


def test_scores_of_the_whole_corpus_are_in_range(articles, study):
    run = framing.analyse(articles, study)
    scores = run.scores
    assert len(scores) == len(articles) and scores["doc_id"].is_unique
    for side in study.side_ids:
        assert scores[f"{side}_presence"].isin([0, 1]).all()
        for measure in ("salience", "prominence"):
            assert scores[f"{side}_{measure}"].between(0, 1).all()
        assert ((scores[f"{side}_presence"] == 0) == (scores[f"{side}_salience"] == 0)).all()
    assert scores["balance"].between(-1, 1).all()
    assert set(scores["primacy"]) <= {"kremlin", "france", "none"}
    only_k = scores["kremlin_presence"].eq(1) & scores["france_presence"].eq(0)
    assert (scores.loc[only_k, "balance"] == -1).all() and (scores.loc[only_k, "primacy"] == "kremlin").all()
    assert {"outlet", "lang", "date"} <= set(scores)



def test_measures_by_hand(study):
    sentences = pd.DataFrame({
        "doc_id": ["d"] * 4 + ["e"],
        "sent_id": [0, 1, 2, 3, 1],
        "part": ["headline", "lead", "body", "body", "lead"],
    })
    marks = pd.DataFrame({"doc_id": ["d", "d", "d"], "sent_id": [2, 2, 3],
                          "side": ["france", "kremlin", "kremlin"], "start": [30, 10, 0]})
    scores = score_marks(sentences, marks, study).set_index("doc_id")
    d = scores.loc["d"]
    assert d["kremlin_salience"] == 2 / 4 and d["france_salience"] == 1 / 4
    assert d["kremlin_prominence"] == pytest.approx(2 / 7)  # weights 3, 2, 1, 1
    assert d["france_prominence"] == pytest.approx(1 / 7)
    assert d["primacy"] == "kremlin"  # same sentence; the Kremlin hit comes first
    assert d["balance"] == pytest.approx((1 - 2) / 3)
    e = scores.loc["e"]
    assert e["primacy"] == "none" and e["balance"] == 0 and e["kremlin_presence"] == 0
    assert PART_WEIGHTS == {"headline": 3.0, "lead": 2.0, "body": 1.0}


def test_explain_shows_the_sentences_behind_the_scores(seed_run):
    table = framing.explain("000_9cd90cb41eb6c02b", sentences=seed_run.sentences, hits=seed_run.hits)
    assert len(table) == len(seed_run.sentences)
    headline = table.iloc[0]
    assert headline["part"] == "headline" and headline["weight"] == 3.0 and headline["sides"] == "france"
    assert "france.war_crimes: war crimes" in headline["terms"]
    quoted = table[table["terms"].str.contains("fell out of the program", regex=False)].iloc[0]
    assert quoted["sides"] == "kremlin" and "(quoted)" in quoted["terms"]
    with pytest.raises(framing.FramingError, match="No article 'nope'"):
        framing.explain("nope", sentences=seed_run.sentences, hits=seed_run.hits)


def test_articles_in_a_language_without_lexicon_are_refused(seed, study):
    german = seed.assign(lang="de")
    with pytest.raises(UnsupportedLanguageError, match="language\\(s\\) de have no lexicon"):
        framing.analyse(german, study)


def test_an_unsupported_language_is_a_clear_command_line_error(seed, study, tmp_path, capsys):
    # bug fix: analyse raised a plain ValueError, which the command line showed as a traceback
    seed.assign(lang="de").to_csv(tmp_path / "german.csv", index=False)
    code = main(["score", str(tmp_path / "german.csv"), "--study", str(CORPUS / "study.yaml"),
                 "-o", str(tmp_path / "scores.csv"), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.startswith("framing score: error: ") and "language(s) de have no lexicon" in err
    assert not (tmp_path / "scores.csv").exists()
