import numpy as np
import pandas as pd
import pytest

import framing
from framing.errors import FramingError
from framing.evaluate import check_gold, evaluate, evaluate_by_tag, gold_tags, label_marks, lexicon_labels, read_gold
from conftest import CORPUS

GOLD = CORPUS / "annotations" / "gold.csv"


@pytest.fixture(scope="module")
def run(articles, study):
    return framing.analyse(articles, study)


def test_gold_covers_every_sentence_the_segmenter_produces(run, study):
    gold = read_gold(GOLD, study=study)
    coded = run.sentences[run.sentences["doc_id"].isin(gold["doc_id"])]
    drift = check_gold(gold, coded)
    assert drift.empty, drift.head().to_string()


def test_every_article_is_coded(articles, study):
    gold = read_gold(GOLD, study=study)
    assert set(gold["doc_id"]) == set(articles["doc_id"])
    assert gold["label"].isin(["kremlin", "france", "both", "none"]).all()
    assert ((gold["speaker"] == "") == (gold["speaker_side"] == "")).all()


def test_check_gold_catches_drift(run):
    sentences = run.sentences[run.sentences["doc_id"] == "en_001"]
    gold = sentences.assign(label="none").iloc[1:].copy()
    gold.loc[gold.index[0], "end"] += 1
    problems = check_gold(gold, sentences)["problem"].tolist()
    assert problems == ["sentence not in the gold", "offsets or text differ"]


def test_evaluate_by_hand(study):
    sentences = pd.DataFrame({"doc_id": ["a"] * 4, "sent_id": [0, 1, 2, 3],
                              "part": ["headline", "lead", "body", "body"]})
    gold = sentences.assign(label=["france", "kremlin", "none", "both"])
    method = sentences.assign(label=["france", "none", "none", "france"])
    long = evaluate(method, gold, sentences, study)
    assert long.columns.tolist() == ["group", "label", "metric", "value", "low", "high", "n"]
    table = long.set_index(["label", "metric"])["value"]
    assert table["france", "precision"] == 0.5 and table["france", "recall"] == 1.0
    assert table["france", "f1"] == pytest.approx(2 / 3)
    assert table["kremlin", "recall"] == 0 and pd.isna(table["kremlin", "precision"])
    assert table["none", "f1"] == pytest.approx(2 * 1 / (2 + 1))
    # macro-F1 over the labels present in the gold: france 2/3, kremlin 0, both 0, none 2/3
    assert table["macro", "macro_f1"] == pytest.approx((2 / 3 + 0 + 0 + 2 / 3) / 4)
    assert table["kremlin", "presence_accuracy"] == 0 and table["france", "presence_accuracy"] == 1
    assert table["all", "primacy_accuracy"] == 1


def test_lexicon_labels_and_marks(run, study):
    labels = lexicon_labels(run.sentences, run.hits)
    assert len(labels) == len(run.sentences)
    seed_headline = labels[(labels["doc_id"] == "000_9cd90cb41eb6c02b") & (labels["sent_id"] == 0)]
    assert seed_headline["label"].item() == "france"
    marks = label_marks(pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [1, 2], "label": ["both", "none"]}), study)
    assert marks["side"].tolist() == ["kremlin", "france"]


def test_bad_gold_files(tmp_path, study):
    path = tmp_path / "g.csv"
    path.write_text("doc_id,sent_id,label\na,0,none\n")
    with pytest.raises(FramingError, match="missing column"):
        read_gold(path)
    path.write_text("doc_id,sent_id,part,start,end,text,label,speaker,speaker_side,note\n"
                    "a,0,headline,0,1,x,maybe,,,\n")
    with pytest.raises(FramingError, match="line 2: label 'maybe'"):
        read_gold(path, study=study)


def test_gold_primacy_ties_follow_the_word_order_rule(study):
    """CODEBOOK §4.10: a `both` first sentence gives primacy to the account whose words come first."""
    from framing.scoring import score_marks

    sentences = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"], "sent_id": [0, 1, 0, 1, 0],
                              "part": ["headline", "body", "headline", "body", "headline"]})
    gold = sentences.assign(label=["both", "kremlin", "both", "none", "both"])
    # a: the French words come first (France is listed second in the study, so listing order would say kremlin)
    # b: the Kremlin words come first; c: the lexicon finds only the Kremlin's words, so order is unknown
    hits = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b", "c"], "sent_id": [0, 0, 0, 0, 0, 0],
                         "side": pd.array(["kremlin", "france", "kremlin", "france", "kremlin", "kremlin"],
                                          dtype="string"),
                         "start": [40, 12, 3 + 50, 30, 4, 0]})
    assert study.side_ids[0] == "kremlin"
    primacy = score_marks(sentences, label_marks(gold, study, hits=hits), study).set_index("doc_id")["primacy"]
    assert primacy.to_dict() == {"a": "france", "b": "kremlin", "c": "both"}
    # without positions a tie is not broken by the order of the sides in the study
    bare = score_marks(sentences, label_marks(gold, study), study).set_index("doc_id")["primacy"]
    assert bare.to_dict() == {"a": "both", "b": "both", "c": "both"}
    # evaluate applies the rule to the gold and to the method alike
    method = sentences.assign(label=["france", "kremlin", "both", "none", "kremlin"])
    table = evaluate(method, gold, sentences, study, hits=hits).set_index("metric")["value"]
    assert table["primacy_accuracy"] == pytest.approx(2 / 3)  # a and b agree; c: gold both, method kremlin


def test_measure_agreement_by_hand():
    from framing.evaluate import measure_agreement

    docs = [f"d{i}" for i in range(12)]
    truth = pd.DataFrame({"doc_id": docs, "balance": np.linspace(-1, 1, 12)})
    truth.loc[11, "balance"] = np.nan  # no account in the gold: left out
    lexicon = pd.DataFrame({"doc_id": docs, "method": "lexicon", "lang": ["en"] * 6 + ["fr"] * 6,
                            "balance": np.clip(truth["balance"] + 0.2, -1, 1)})
    lexicon.loc[11, "balance"] = 1.0
    exact = lexicon.assign(method="classifier", balance=truth["balance"])
    table = measure_agreement(pd.concat([lexicon, exact]), truth, by=["lang"], n_boot=500)
    assert list(table.columns) == ["group", "label", "metric", "value", "low", "high", "n"]
    cell = table.set_index(["group", "metric"])["value"]
    shifted = np.clip(truth["balance"].iloc[:11] + 0.2, -1, 1) - truth["balance"].iloc[:11]
    assert cell["method=lexicon", "bias"] == pytest.approx(shifted.mean())
    assert cell["method=lexicon", "mae"] == pytest.approx(shifted.abs().mean())
    assert cell["method=classifier", "mae"] == 0 and cell["method=classifier", "pearson"] == pytest.approx(1)
    assert cell["method=lexicon", "spearman"] == pytest.approx(1)  # the shift keeps the order
    n = table.set_index(["group", "metric"])["n"]
    assert n["method=lexicon", "mae"] == 11 and n["method=lexicon & lang=fr", "mae"] == 5
    lexicon_all = table[(table["group"] == "method=lexicon") & (table["metric"] == "bias")].iloc[0]
    assert lexicon_all["low"] < lexicon_all["value"] < lexicon_all["high"]
    # fewer than min_n articles: the figure without an interval
    small = table[table["group"] == "method=lexicon & lang=fr"]
    assert small["low"].isna().all() and small["value"].notna().all()


def test_measure_agreement_on_the_test_split(run, study, articles):
    from framing.evaluate import gold_scores, measure_agreement

    gold = read_gold(GOLD, study=study)
    truth = gold_scores(gold, run.sentences, study, hits=run.hits)
    assert len(truth) == gold["doc_id"].nunique()
    table = measure_agreement(run.scores, truth, by=["split"], n_boot=300)
    assert set(table["label"]) == {"kremlin_salience", "kremlin_prominence", "france_salience",
                                   "france_prominence", "balance"}
    test = table[table["group"] == "method=lexicon & split=test"].set_index(["label", "metric"])
    n_test = int((run.scores["split"] == "test").sum())
    assert test.loc[("kremlin_salience", "mae"), "n"] == n_test
    both_defined = run.scores[["doc_id", "balance", "split"]].merge(truth[["doc_id", "balance"]], on="doc_id")
    both_defined = both_defined[(both_defined["split"] == "test")].dropna()
    assert test.loc[("balance", "bias"), "n"] == len(both_defined)
    assert test.loc[("balance", "bias"), "value"] == pytest.approx(
        (both_defined["balance_x"] - both_defined["balance_y"]).mean())
    assert (test["value"].abs() <= 2).all()


def test_presence_f1_over_articles(study):
    # three articles: a carries both accounts, b only France, c none; the method finds France in a and c
    sentences = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "sent_id": [0, 1, 0, 0],
                              "part": ["headline", "body", "headline", "headline"]})
    gold = sentences.assign(label=["kremlin", "france", "france", "none"])
    method = sentences.assign(label=["none", "france", "none", "france"])
    table = evaluate(method, gold, sentences, study).set_index(["label", "metric"])["value"]
    # France: gold {a, b}, found {a, c}: P = R = 1/2; Kremlin: gold {a}, found {}: F1 0
    assert table["france", "presence_f1"] == pytest.approx(0.5)
    assert table["kremlin", "presence_f1"] == 0
    assert table["macro", "presence_macro_f1"] == pytest.approx(0.25)


def test_accuracy_by_difficulty_tag():
    gold = pd.DataFrame({"doc_id": ["a"] * 4, "sent_id": [0, 1, 2, 3],
                         "label": ["france", "kremlin", "none", "france"],
                         "note": ["paraphrase; free text", "negation; context", "", "context"]})
    method = gold.assign(label=["none", "kremlin", "none", "france"])
    table = evaluate_by_tag(method, gold).set_index("label")
    assert table.loc["paraphrase", "value"] == 0 and table.loc["paraphrase", "n"] == 1
    assert table.loc["context", "value"] == 1 and table.loc["context", "n"] == 2
    assert table.loc["negation", "value"] == 1 and table.loc["(untagged)", "n"] == 1
    assert "irony" not in table.index  # no sentence has it
    assert gold_tags("weak-link; amid a row") == ["weak-link"]


def test_furniture_is_not_coded_and_not_drift(run):
    sentences = run.sentences[run.sentences["doc_id"] == "en_001"]
    gold = sentences.assign(label="none")
    furniture = sentences.iloc[:1].assign(sent_id=999, part="furniture")
    assert check_gold(gold, pd.concat([sentences, furniture])).empty
    assert len(check_gold(gold, pd.concat([sentences, furniture.assign(part="body")]))) == 1
