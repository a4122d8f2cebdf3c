import pandas as pd
import pytest

import framing
from framing.errors import FramingError
from framing.evaluate import check_gold, evaluate, label_marks, lexicon_labels, read_gold
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
