import numpy as np
import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.errors import UnsupportedLanguageError
from framing.scoring import HIT_COLUMNS, PART_WEIGHTS, RULE_COLUMNS, score_marks
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
    assert list(seed_run.hits.columns) == [*HIT_COLUMNS, *RULE_COLUMNS, "in_speech"]  # analyse adds attribution
    for hit in seed_run.hits.itertuples():
        if "@" in hit.term or "NEAR/" in hit.term or "BEFORE/" in hit.term:
            continue  # rule hits span their parts; tested in test_lexicon_rules.py
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
    has_account = scores["kremlin_presence"].eq(1) | scores["france_presence"].eq(1)
    assert scores.loc[has_account, "balance"].between(-1, 1).all()
    assert scores.loc[~has_account, "balance"].isna().all()
    assert (scores.loc[~has_account, "primacy"] == "none").all()
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
    assert e["primacy"] == "none" and np.isnan(e["balance"]) and e["kremlin_presence"] == 0
    assert PART_WEIGHTS == {"headline": 3.0, "lead": 2.0, "body": 1.0, "furniture": 0.0}


def test_explain_shows_the_sentences_behind_the_scores(seed_run):
    table = framing.explain("000_9cd90cb41eb6c02b", sentences=seed_run.sentences, hits=seed_run.hits)
    assert len(table) == len(seed_run.sentences)
    headline = table.iloc[0]
    assert headline["part"] == "headline" and headline["weight"] == 3.0 and headline["sides"] == "france"
    assert "france.syria_cause: calls off Paris visit over Syria" in headline["terms"]
    quoted = table[table["terms"].str.contains("fell out of the program", regex=False)].iloc[0]
    assert quoted["sides"] == "kremlin" and "(quoted)" in quoted["terms"]
    with pytest.raises(framing.FramingError, match="No article 'nope'"):
        framing.explain("nope", sentences=seed_run.sentences, hits=seed_run.hits)


def test_articles_in_a_language_without_lexicon_are_refused(seed, study):
    german = seed.assign(lang="de")
    with pytest.raises(UnsupportedLanguageError, match="language\\(s\\) de have no lexicon"):
        framing.analyse(german, study)


# --- Page furniture counts in no score ------------------------------------------------------

FURNITURE_CUES = {"en": ("Tags:", "Read more:"), "fr": ("Mots-clés :", "Lire aussi :"),
                  "ru": ("Теги:", "Читайте также:")}


@pytest.mark.parametrize("doc_id", ["en_001", "fr_001", "ru_001"])
def test_furniture_made_of_account_words_counts_in_no_score(articles, study, doc_id):
    article = articles[articles["doc_id"] == doc_id].reset_index(drop=True)
    plain = framing.analyse(article, study, attribution=False)
    row = article.iloc[0]
    words = list(dict.fromkeys(source_text(row, h.part)[h.start:h.end] for h in plain.hits.itertuples()))
    assert len(words) >= 3
    tags, read_more = FURNITURE_CUES[row["lang"]]
    first_end = row["text"].index("\n\n")
    text = (row["text"][:first_end] + f"\n{read_more} {words[0]}" + row["text"][first_end:]
            + f"\n\n{tags} {', '.join(words[:3])}")
    dressed = article.assign(text=text)
    run = framing.analyse(dressed, study, attribution=False)

    furniture = run.sentences[run.sentences["part"] == "furniture"]
    assert furniture["furniture"].tolist() == ["read-more", "tags"]
    assert not run.hits["sent_id"].isin(furniture["sent_id"]).any()
    # the same lines read as text would carry the accounts: the test can fail
    assert not framing.match(furniture.assign(part="body"), study).empty
    # every measure is the same as without the furniture
    measures = [c for c in plain.scores if c not in ("doc_id",)]
    pd.testing.assert_frame_equal(run.scores[measures], plain.scores[measures])
    table = framing.explain(doc_id, sentences=run.sentences, hits=run.hits)
    shown = table[table["part"] == "furniture"]
    assert shown["furniture"].tolist() == ["read-more", "tags"]
    assert (shown["weight"] == 0).all() and (shown["sides"] == "").all()


def test_marks_on_furniture_do_not_count(study):
    sentences = pd.DataFrame({"doc_id": ["d"] * 4, "sent_id": [0, 1, 2, 3],
                              "part": ["headline", "furniture", "lead", "furniture"]})
    marks = pd.DataFrame({"doc_id": ["d", "d", "d"], "sent_id": [1, 2, 3],
                          "side": ["france", "kremlin", "france"]})
    d = score_marks(sentences, marks, study).iloc[0]
    assert d["n_sentences"] == 2 and d["france_presence"] == 0 and d["primacy"] == "kremlin"
    assert d["kremlin_salience"] == 1 / 2 and d["kremlin_prominence"] == pytest.approx(2 / 5)
    assert d["balance"] == -1


def test_undefined_measures_without_an_account(study):
    """No account: primacy 'none' and balance NaN, whether there are no hits or background hits only."""
    sentences = pd.DataFrame({"doc_id": ["bare", "bare", "background", "one", "even"],
                              "sent_id": [0, 1, 0, 0, 0], "part": ["headline", "body", "headline", "lead", "lead"]})
    hits = pd.DataFrame({"doc_id": ["background", "one", "even", "even"], "sent_id": [0, 0, 0, 0],
                         "part": ["headline", "lead", "lead", "lead"],
                         "category": ["background.syria", "france.veto", "france.veto", "kremlin.programme"],
                         "side": pd.array([None, "france", "france", "kremlin"], dtype="string"),
                         "term": ["x"] * 4, "start": [0, 5, 9, 2], "end": [1, 6, 10, 3],
                         "in_quote": [False] * 4})
    scores = framing.score(sentences, hits, study).set_index("doc_id")
    for doc in ("bare", "background"):
        assert scores.loc[doc, "primacy"] == "none"
        assert np.isnan(scores.loc[doc, "balance"])
        assert scores.loc[doc, "kremlin_salience"] == 0 and scores.loc[doc, "france_presence"] == 0
    assert scores.loc["one", "balance"] == 1 and scores.loc["one", "primacy"] == "france"
    # balanced (0) is no longer the same value as absent (NaN)
    assert scores.loc["even", "balance"] == 0 and scores.loc["even", "primacy"] == "kremlin"


def test_an_unsupported_language_is_a_clear_command_line_error(seed, study, tmp_path, capsys):
    # bug fix: analyse raised a plain ValueError, which the command line showed as a traceback
    seed.assign(lang="de").to_csv(tmp_path / "german.csv", index=False)
    code = main(["score", str(tmp_path / "german.csv"), "--study", str(CORPUS / "study.yaml"),
                 "-o", str(tmp_path / "scores.csv"), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.startswith("framing score: error: ") and "language(s) de have no lexicon" in err
    assert not (tmp_path / "scores.csv").exists()
