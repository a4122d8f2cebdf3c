"""Supervised classifiers: grouped evaluation, metrics, interpretation, and scores in the lexicon's schema."""

import argparse

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.utils.estimator_checks import parametrize_with_checks

import framing
from framing.classify import (
    candidate_configs,
    candidate_models,
    select_model,
    StudyHits,
    SidesClassifier,
    study_lexicons,
    _EXPECTED_FAILED_CHECKS,
    LexiconCounts,
    classification_metrics,
    classifier_labels,
    compare_methods,
    comparison_table,
    confusion_table,
    cross_val_predict,
    disagreements,
    evaluate_methods,
    explain_sentence,
    group_folds,
    holdout_predict,
    learning_curve,
    make_classifier,
    method_agreement,
    method_metrics,
    score_with_model,
    study_dictionary,
    top_features,
    training_data_hash,
    training_table,
)
from framing.errors import FramingError, LexiconError
from framing.evaluate import lexicon_labels, macro_f1, read_gold
from framing.reliability import cohen_kappa

from conftest import CORPUS

LABELS = ["kremlin", "france", "both", "none"]


def small(kind="logreg", **options):
    """A fast classifier: unigrams and character trigrams only."""
    return make_classifier(kind, word_ngram_range=(1, 1), char_ngram_range=(3, 3), **options)


@pytest.fixture(scope="module")
def gold(study):
    return read_gold(CORPUS / "annotations" / "gold.csv", study=study)


@pytest.fixture(scope="module")
def run(articles, study):
    return framing.analyse(articles, study)


@pytest.fixture(scope="module")
def table(articles, run, gold):
    return training_table(articles, run.sentences, gold)


@pytest.fixture(scope="module")
def dev(table):
    return table[table["split"] == "dev"].reset_index(drop=True)


@pytest.fixture(scope="module")
def fitted(dev):
    return small().fit(dev["text"], dev["label"])


# -- the training table --------------------------------------------------------


def test_training_table_holds_every_gold_sentence_with_its_split_and_language(table, gold, articles):
    assert list(table.columns) == ["doc_id", "sent_id", "part", "text", "prev_text", "next_text", "label",
                                   "lang", "split"]
    assert len(table) == len(gold)
    # the neighbours are the article's previous and next sentences, "" at its edges
    for doc_id, doc in table.groupby("doc_id"):
        texts = doc.sort_values("sent_id")["text"].tolist()
        assert doc.sort_values("sent_id")["prev_text"].tolist() == [""] + texts[:-1]
        assert doc.sort_values("sent_id")["next_text"].tolist() == texts[1:] + [""]
    merged = table.merge(gold[["doc_id", "sent_id", "label", "text"]], on=["doc_id", "sent_id"],
                         suffixes=("", "_gold"))
    assert (merged["label"] == merged["label_gold"]).all() and (merged["text"] == merged["text_gold"]).all()
    splits = articles.set_index("doc_id")["split"]
    assert (table["split"] == table["doc_id"].map(splits)).all()
    assert set(table["split"]) == set(articles["split"]) and set(table["lang"]) == {"en", "fr", "ru"}


def test_training_table_refuses_a_gold_that_no_longer_matches_the_sentences(articles, run, gold):
    drifted = gold.copy()
    drifted.loc[5, "text"] = drifted.loc[5, "text"] + " (edited)"
    with pytest.raises(FramingError, match=rf"{drifted.loc[5, 'doc_id']} sentence {drifted.loc[5, 'sent_id']}: "
                                           "offsets or text differ"):
        training_table(articles, run.sentences, drifted)


def test_training_data_hash_changes_with_a_label_and_not_with_row_order(dev):
    relabelled = dev.copy()
    relabelled.loc[0, "label"] = "both" if relabelled.loc[0, "label"] != "both" else "none"
    assert training_data_hash(dev) == training_data_hash(dev.iloc[::-1])
    assert training_data_hash(dev) != training_data_hash(relabelled)


# -- grouped, seeded evaluation ------------------------------------------------


def test_grouped_folds_never_put_an_article_on_both_sides(dev):
    seen_in_test = []
    for train, test in group_folds(dev, n_splits=5, seed=0):
        train_docs, test_docs = set(dev["doc_id"].iloc[train]), set(dev["doc_id"].iloc[test])
        assert not train_docs & test_docs
        assert len(train) + len(test) == len(dev)
        seen_in_test.extend(test)
    assert sorted(seen_in_test) == list(range(len(dev)))  # every sentence is tested exactly once


def test_cross_validation_cannot_learn_an_article_from_its_own_sentences():
    # Each article's sentences share a word found nowhere else, and the label is the article's.
    # Split by sentence, a model would learn the word and be right; split by article it cannot be.
    rng = np.random.default_rng(3)
    doc_labels = rng.permutation(["kremlin", "france"] * 15)
    rows = [(f"d{d}", s, f"token{d} word{s}", label, "en", "dev")
            for d, label in enumerate(doc_labels) for s in range(4)]
    toy = pd.DataFrame(rows, columns=["doc_id", "sent_id", "text", "label", "lang", "split"])
    model = make_classifier("logreg", word_ngram_range=(1, 1), char_ngram_range=(9, 9))
    oof = cross_val_predict(model, toy, n_splits=5, seed=0)
    assert (oof["label"] == oof["gold"]).mean() < 0.75
    for fold, part in oof.groupby("fold"):  # each article is predicted in one fold only
        assert not set(part["doc_id"]) & set(oof.loc[oof["fold"] != fold, "doc_id"])


def test_cross_validation_is_deterministic_for_a_seed(dev):
    dev = dev[dev["doc_id"].isin(dev["doc_id"].unique()[:24])].reset_index(drop=True)
    first = cross_val_predict(small(), dev, n_splits=3, seed=7)
    again = cross_val_predict(small(), dev, n_splits=3, seed=7)
    pd.testing.assert_frame_equal(first, again)
    # the folds are scikit-learn's seeded StratifiedGroupKFold, shuffled with this seed
    splitter = StratifiedGroupKFold(n_splits=3, shuffle=True, random_state=7)
    for fold, (_, test) in enumerate(splitter.split(dev["text"], dev["label"], dev["doc_id"])):
        assert (first["fold"].iloc[test] == fold).all()
    assert list(first.columns) == ["doc_id", "sent_id", "lang", "split", "fold", "gold", "label"]
    assert set(first["label"]) <= set(LABELS) and (first["gold"] == dev["label"]).all()


def test_holdout_trains_on_dev_and_labels_only_the_test_split(table):
    held = holdout_predict(small(), table)
    assert set(held["split"]) == {"test"} and (held["fold"] == -1).all()
    assert len(held) == (table["split"] == "test").sum()
    with pytest.raises(FramingError, match="No sentence has split 'final'"):
        holdout_predict(small(), table, test="final")


# -- metrics -------------------------------------------------------------------


def _toy_pairs():
    gold = pd.DataFrame({"doc_id": list("aaabbbccc"), "sent_id": [0, 1, 2] * 3,
                         "label": ["x", "x", "none", "y", "none", "none", "x", "y", "none"]})
    labels = gold.assign(label=["x", "none", "none", "y", "y", "none", "x", "x", "none"])
    return labels, gold


def test_metrics_agree_with_scikit_learn_and_intervals_bracket_them():
    labels, gold = _toy_pairs()
    metrics = classification_metrics(labels, gold, by=None, label_order=["x", "y", "none"], n_boot=300, seed=1)
    p, r, f, _ = precision_recall_fscore_support(gold["label"], labels["label"], labels=["x", "y", "none"],
                                                 zero_division=np.nan)
    wide = metrics.pivot_table(index="label", columns="metric", values="value")
    np.testing.assert_allclose(wide.loc[["x", "y", "none"], "precision"], p)
    np.testing.assert_allclose(wide.loc[["x", "y", "none"], "recall"], r)
    np.testing.assert_allclose(wide.loc[["x", "y", "none"], "f1"], f)
    assert wide.loc["macro", "macro_f1"] == pytest.approx(np.mean(f))
    assert ((metrics["low"] <= metrics["value"] + 1e-12) & (metrics["value"] <= metrics["high"] + 1e-12)).all()
    again = classification_metrics(labels, gold, by=None, label_order=["x", "y", "none"], n_boot=300, seed=1)
    pd.testing.assert_frame_equal(metrics, again)


def test_the_bootstrap_resamples_articles_not_sentences():
    # One article: every resample of articles is that article, so the interval is the point.
    # A sentence-level bootstrap would spread; the cluster bootstrap cannot.
    labels, gold = _toy_pairs()
    one = classification_metrics(labels.assign(doc_id="a"), gold.assign(doc_id="a"), by=None, n_boot=200)
    assert np.allclose(one["low"], one["value"], equal_nan=True)
    assert np.allclose(one["high"], one["value"], equal_nan=True)
    three = classification_metrics(labels, gold, by=None, n_boot=200)
    assert (three["high"] - three["low"]).max() > 0.1


def test_metrics_refuse_sentences_without_gold_and_break_down_by_group():
    labels, gold = _toy_pairs()
    with pytest.raises(FramingError, match="1 labelled sentence"):
        classification_metrics(labels, gold.iloc[1:], by=None)
    groups = pd.DataFrame({"doc_id": ["a", "b", "c"], "lang": ["en", "en", "fr"]})
    metrics = classification_metrics(labels, gold, groups=groups, n_boot=0)
    assert list(dict.fromkeys(metrics["group"])) == ["all", "lang=en", "lang=fr"]
    assert metrics.query("group == 'lang=fr' and metric == 'macro_f1'")["n"].item() == 3


def test_confusion_table_matches_scikit_learn():
    labels, gold = _toy_pairs()
    table = confusion_table(labels, gold, label_order=["x", "y", "none"])
    expected = confusion_matrix(gold["label"], labels["label"], labels=["x", "y", "none"])
    np.testing.assert_array_equal(table.to_numpy(), expected)
    assert table.index.name == "gold" and table.columns.name == "predicted"


def test_learning_curve_grows_the_training_articles_and_scores_every_point(dev):
    dev = dev[dev["doc_id"].isin(dev["doc_id"].unique()[:30])].reset_index(drop=True)
    curve = learning_curve(small(), dev, sizes=(5, 15, None), n_splits=3, seed=0, n_boot=50)
    sizes = curve.drop_duplicates("size")
    assert sizes["size"].tolist() == ["5", "15", "all"]
    assert sizes["n_articles"].tolist()[:2] == [5.0, 15.0]
    assert sizes["n_articles"].iloc[2] == pytest.approx(dev["doc_id"].nunique() * 2 / 3, abs=1)
    macro = curve[curve["metric"] == "macro_f1"].set_index("size")["value"]
    assert macro["all"] > macro["5"]


# -- lexicon vs classifier vs gold ---------------------------------------------


def test_three_way_comparison_disagreements_and_agreement(table, run, gold, articles, study, dev):
    oof = cross_val_predict(small(), dev, n_splits=3, seed=0)
    lexicon = lexicon_labels(run.sentences, run.hits)
    lexicon_dev = lexicon[lexicon["doc_id"].isin(dev["doc_id"])]
    methods = {"lexicon": lexicon_dev, "classifier": oof}

    evaluation = compare_methods(methods, gold, run.sentences, study, groups=articles)
    assert set(evaluation["method"]) == {"lexicon", "classifier"}
    assert {"f1", "macro_f1", "presence_accuracy", "primacy_accuracy"} <= set(evaluation["metric"])
    lexicon_all = framing.evaluate.evaluate(lexicon_dev, gold[gold["doc_id"].isin(dev["doc_id"])],
                                            run.sentences, study, groups=articles, by=("lang",))
    mine = evaluation[evaluation["method"] == "lexicon"].drop(columns="method").reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, lexicon_all)

    agreement = method_agreement(methods, groups=articles)
    pair = lexicon_dev.merge(oof, on=["doc_id", "sent_id"], suffixes=("_lex", "_clf"))
    overall = agreement[agreement["group"] == "(all)"].iloc[0]
    assert overall["pair"] == "lexicon~classifier" and overall["n"] == len(dev)
    assert overall["cohen_kappa"] == pytest.approx(cohen_kappa(pair["label_lex"], pair["label_clf"]))

    table_ = disagreements(lexicon_dev, oof, gold, run.sentences)
    assert len(table_) == (pair["label_lex"] != pair["label_clf"]).sum() > 0
    assert (table_["lexicon"] != table_["classifier"]).all()
    right = np.where(table_["lexicon"] == table_["gold"], "lexicon",
                     np.where(table_["classifier"] == table_["gold"], "classifier", "neither"))
    assert (table_["right"] == right).all()
    assert list(table_.columns) == ["doc_id", "sent_id", "lang", "text", "lexicon", "classifier", "gold", "right"]

    metrics = method_metrics(methods, gold, groups=articles, evaluation="dev", label_order=LABELS, n_boot=20)
    wide = comparison_table(metrics, agreement.assign(evaluation="dev"))
    assert wide["group"].tolist() == ["all", "lang=en", "lang=fr", "lang=ru"]
    assert wide.loc[0, "kappa"] == pytest.approx(overall["cohen_kappa"])
    assert wide.loc[0, "lexicon F1[kremlin]"] == pytest.approx(
        lexicon_all.query("group == 'all' and label == 'kremlin' and metric == 'f1'")["value"].item())


@pytest.mark.slow
def test_evaluate_methods_reports_lexicon_classifier_and_hybrid_on_dev_and_test(table, run, gold, study):
    lexicon = lexicon_labels(run.sentences, run.hits)
    predictions, metrics, agreement = evaluate_methods({"classifier": small(), "hybrid": small(lexicon=study)},
                                                       table, lexicon, gold, n_splits=3, n_boot=20)
    assert set(metrics["evaluation"]) == {"dev (cross-validated)", "test"}
    assert set(metrics["method"]) == {"lexicon", "classifier", "hybrid"}
    counts = predictions.groupby(["evaluation", "method"]).size()
    assert counts["test", "lexicon"] == counts["test", "classifier"] == counts["test", "hybrid"] \
        == (table["split"] == "test").sum()
    assert set(agreement["evaluation"]) == {"dev (cross-validated)", "test"}
    assert set(agreement["pair"]) == {"lexicon~classifier", "lexicon~hybrid", "classifier~hybrid"}
    macro = metrics.query("group == 'all' and metric == 'macro_f1'").set_index(["evaluation", "method"])["value"]
    # the rule hits carry what the words alone do not: the hybrid learns the accounts better
    assert macro["dev (cross-validated)", "hybrid"] > macro["dev (cross-validated)", "classifier"]
    with pytest.raises(FramingError, match="lexicon"):
        evaluate_methods({"lexicon": small()}, table, lexicon, gold, n_splits=3, n_boot=0)


def test_hybrid_features_are_the_hits_the_rule_lexicon_counts(table, run, study):
    """StudyHits matches each sentence with its own language's rules, as framing.match does."""
    hits = run.hits
    assert hits["denied"].any() and (hits["role"] == "context").any()  # the rules that must not count, do occur
    features = StudyHits(study_lexicons(study), overlap=study.overlap)
    counts = features.fit_transform(table[["text", "lang"]])
    side = np.array([study.side_of(c) for c in features.categories_], dtype=object)
    counted = hits[hits["counts_for"].notna()].groupby(["doc_id", "sent_id", "counts_for"]).size()
    expected = counted.unstack(fill_value=0).reindex(pd.MultiIndex.from_frame(table[["doc_id", "sent_id"]]),
                                                      fill_value=0)
    for s in study.side_ids:
        np.testing.assert_array_equal(counts[:, side == s].sum(axis=1), expected.get(s, 0))
    with pytest.raises(FramingError, match="no lexicon"):
        features.transform(pd.DataFrame({"text": ["x"], "lang": ["de"]}))


# -- features, models and interpretation ---------------------------------------

DIGITS = {f"d{i}": [f"{i}*"] for i in range(10)}


@parametrize_with_checks([LexiconCounts(DIGITS)], expected_failed_checks=lambda e: _EXPECTED_FAILED_CHECKS,
                         xfail_strict=True)
def test_lexicon_counts_follows_the_scikit_learn_rules(estimator, check):
    check(estimator)


def test_lexicon_counts_counts_each_category_in_every_language(study):
    counts = LexiconCounts(study_dictionary(study))
    texts = ["The visit fell out of the programme.", "Hollande offered only a working meeting on Syria.",
             "Визит выпал из программы.", "Il fait beau.", "Hollande spoke of war crimes in Aleppo."]
    matrix = counts.fit_transform(texts)
    assert matrix.shape == (5, len(counts.categories_)) and matrix.dtype == np.float64
    lexicon = framing.Lexicon(study_dictionary(study))

    def counted(text):  # context hits (Syria background) and denied hits count for nothing
        return len([h for h in lexicon.hits(text) if h.counts_for is not None])

    for row, text in zip(matrix, texts):
        assert row.sum() == counted(text)
    assert matrix[:3].sum(axis=1).min() > 0 and matrix[3:].sum() == 0
    table = pd.DataFrame({"headline": ["Putin cancels his visit"], "text": ["over war crimes in Aleppo"]})
    assert counts.fit_transform(table).sum() == counted("Putin cancels his visit over war crimes in Aleppo") > 0


def test_lexicon_counts_refuses_a_missing_lexicon_or_text():
    with pytest.raises(LexiconError, match="needs a lexicon"):
        LexiconCounts().fit(["a text"])
    with pytest.raises(ValueError, match="text 1 is missing"):
        LexiconCounts(DIGITS).fit(["a", None])
    with pytest.raises(ValueError, match="wrap it in a list"):
        LexiconCounts(DIGITS).fit("a text")


@pytest.mark.parametrize("kind", ["logreg", "svm", "nb"])
def test_every_kind_learns_the_corpus_better_than_the_majority_label(kind, dev, table):
    test = table[table["split"] == "test"]
    model = small(kind).fit(dev["text"], dev["label"])
    predicted = model.predict(test["text"])
    majority = (test["label"] == dev["label"].mode()[0]).mean()
    assert (predicted == test["label"]).mean() > majority
    assert set(predicted) <= set(LABELS)


def test_make_classifier_with_a_lexicon_and_an_unknown_kind(study):
    model = make_classifier("logreg", lexicon={"kremlin": ["programme"]})
    assert [name for name, _ in model.named_steps["features"].transformer_list] == ["words", "chars", "lexicon"]
    hybrid = make_classifier("logreg", lexicon=study, context=True)
    assert [name for name, _, _ in hybrid.named_steps["features"].transformers] == ["text", "hits", "prev", "next"]
    with pytest.raises(FramingError, match="invalid value 'forest' for kind; choose one of"):
        make_classifier("forest")


def test_top_features_and_explanations_add_up_to_the_model_score(fitted, dev):
    top = top_features(fitted, n=5)
    assert top.groupby("label").size().to_dict() == {label: 5 for label in fitted.classes_}
    assert (top.groupby("label")["weight"].apply(lambda w: w.is_monotonic_decreasing)).all()
    text = dev["text"].iloc[3]
    explained = explain_sentence(fitted, text, n=10**6)
    label = fitted.predict([text])[0]
    assert set(explained["label"]) == {label}
    index = list(fitted.classes_).index(label)
    assert explained["contribution"].sum() == pytest.approx(fitted.decision_function([text])[0, index])
    assert explained["feature"].iloc[-1] == "(intercept)"
    assert set(explained["block"].iloc[:-1]) <= {"words", "chars"}


def test_naive_bayes_explanations_rank_labels_like_the_model(dev):
    model = small("nb").fit(dev["text"], dev["label"])
    for text in dev["text"].iloc[:20]:
        totals = {label: explain_sentence(model, text, label=label, n=10**6)["contribution"].sum()
                  for label in model.classes_}
        assert max(totals, key=totals.get) == model.predict([text])[0]


def test_classifier_labels_give_probabilities_or_svm_scores(fitted, run, dev):
    sentences = run.sentences[run.sentences["doc_id"].isin(dev["doc_id"].iloc[:40])]
    labels = classifier_labels(fitted, sentences)
    proba = [f"proba_{label}" for label in fitted.classes_]
    assert list(labels.columns) == ["doc_id", "sent_id", "label", *proba]
    np.testing.assert_allclose(labels[proba].sum(axis=1), 1.0)
    assert (labels["label"].to_numpy() == fitted.predict(sentences["text"])).all()
    svm = small("svm").fit(dev["text"], dev["label"])
    assert [c for c in classifier_labels(svm, sentences).columns if c.startswith("score_")] == \
        [f"score_{label}" for label in svm.classes_]


def test_scores_from_both_methods_share_one_schema(fitted, articles, study, run):
    lexicon_scores = run.scores
    classifier_scores = framing.analyse(articles, study, method="classifier", model=fitted).scores
    assert list(classifier_scores.columns) == list(lexicon_scores.columns)
    assert (classifier_scores["method"] == "classifier").all() and (lexicon_scores["method"] == "lexicon").all()
    for column in lexicon_scores.columns:
        a, b = lexicon_scores[column], classifier_scores[column]
        assert pd.api.types.is_numeric_dtype(a) == pd.api.types.is_numeric_dtype(b), column
        assert pd.api.types.is_string_dtype(a) == pd.api.types.is_string_dtype(b), column
    stacked = pd.concat([lexicon_scores, classifier_scores], ignore_index=True)
    assert len(stacked) == 2 * len(articles)
    no_account = (stacked["kremlin_presence"] == 0) & (stacked["france_presence"] == 0)
    assert stacked.loc[~no_account, "balance"].between(-1, 1).all() and stacked.loc[no_account, "balance"].isna().all()
    assert classifier_scores["primacy"].isin([*study.side_ids, "both", "none"]).all()
    both = framing.analyse(articles, study, method="both", model=fitted).scores
    pd.testing.assert_frame_equal(both, stacked)
    with pytest.warns(DeprecationWarning, match="framing.analyse"):
        pd.testing.assert_frame_equal(score_with_model(articles, study, fitted), classifier_scores)


def test_score_with_model_refuses_another_studys_labels(articles, study):
    other = small().fit(["a bridge", "the mayor", "nothing", "closed roads"] * 2, ["city", "city", "none", "none"] * 2)
    with pytest.raises(FramingError, match="label\\(s\\) city"):
        framing.analyse(articles.head(2), study, method="classifier", model=other)


# -- the command ---------------------------------------------------------------


def _train(argv):
    from framing.cli import train

    parser = argparse.ArgumentParser(prog="framing")
    train.register(parser.add_subparsers())
    args = parser.parse_args(["train", *argv])
    return args.func(args)


@pytest.mark.slow
def test_framing_train_writes_a_model_for_the_study(tmp_path, study, dev):
    from framing.models import load_model, read_model_info

    out = tmp_path / "model.skops"
    assert _train(["--study", str(CORPUS / "study.yaml"), "--gold", str(CORPUS / "annotations" / "gold.csv"),
                   "--kind", "nb", "-o", str(out)]) == 0
    info = read_model_info(out)
    assert info["study"] == study.name and info["labels"] == LABELS
    assert info["training_data_hash"] == training_data_hash(dev)
    assert info["extra"]["split"] == "dev" and info["extra"]["articles"] == dev["doc_id"].nunique()
    assert info["extra"]["kind"] == "nb" and not info["extra"]["hybrid"] and not info["extra"]["selected"]
    model = load_model(out, study=study)
    assert set(model.predict(dev["text"].head(5))) <= set(LABELS)


def test_framing_train_names_an_unknown_split(tmp_path):
    with pytest.raises(FramingError, match="No coded article has split 'final'"):
        _train(["--study", str(CORPUS / "study.yaml"), "--gold", str(CORPUS / "annotations" / "gold.csv"),
                "--split", "final", "-o", str(tmp_path / "m.skops")])


# -- figures -------------------------------------------------------------------


def test_method_f1_figure_draws_each_evaluation_and_refuses_a_bare_table(study):
    import matplotlib.pyplot as plt

    from framing.figures.methods import fig_learning_curve, fig_method_f1

    labels, gold = _toy_pairs()
    metrics = pd.concat([
        method_metrics({"lexicon": labels, "classifier": gold}, gold, by=None, evaluation=name, n_boot=20)
        for name in ["dev (cross-validated)", "test"]])
    fig = fig_method_f1(metrics, study=study)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["dev (cross-validated)", "test"]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["x", "y", "none", "macro-F1"]
    with pytest.raises(ValueError, match="needs column\\(s\\) evaluation, method"):
        fig_method_f1(metrics.drop(columns=["evaluation", "method"]))
    with pytest.raises(ValueError, match="no F1 rows for group 'lang=de'"):
        fig_method_f1(metrics, group="lang=de")
    curve = metrics[metrics["evaluation"] == "test"].assign(n_articles=10.0, size="10")
    assert len(fig_learning_curve(curve, study=study).axes) == 1
    plt.close("all")


# -- model selection, context and multi-label ----------------------------------


def test_nested_selection_chooses_on_inner_folds_and_scores_on_unseen_articles(dev, study):
    configs = candidate_configs(kinds=["svm"], hybrid=[False, True], context=[False], multilabel=[False])
    assert list(configs) == ["svm C=10 plain", "svm C=10 hybrid"]
    candidates = candidate_models(study, configs=configs, word_ngram_range=(1, 1), char_ngram_range=(3, 3))
    chosen, scores, oof = select_model(dev, candidates, outer=3, inner=2, seed=0)
    assert list(scores.columns) == ["fold", "candidate", "inner_macro_f1", "chosen", "outer_macro_f1"]
    assert scores.groupby("fold")["chosen"].sum().tolist() == [1, 1, 1, 1]  # one choice per fold, and overall
    assert scores.query("fold == -1 and chosen")["candidate"].item() == chosen
    # each fold's choice is the best inner score, and its outer score is that of its held-out articles
    for k, rows in scores[scores["fold"] >= 0].groupby("fold"):
        best = rows.loc[rows["inner_macro_f1"].idxmax(), "candidate"]
        assert rows.loc[rows["chosen"], "candidate"].item() == best
        held = oof[oof["fold"] == k]
        assert set(held["candidate"]) == {best}
        assert rows.loc[rows["chosen"], "outer_macro_f1"].item() == pytest.approx(macro_f1(held["gold"], held["label"]))
    assert sorted(oof["doc_id"].unique()) == sorted(dev["doc_id"].unique()) and len(oof) == len(dev)
    for k in range(3):  # an article is labelled by a model that never saw it
        assert not set(oof.loc[oof["fold"] == k, "doc_id"]) & set(oof.loc[oof["fold"] != k, "doc_id"])
    # the inner score of a candidate on all of dev is plain grouped cross-validation
    cv = cross_val_predict(candidates[chosen], dev, n_splits=2, seed=1)
    assert scores.query("fold == -1 and chosen")["inner_macro_f1"].item() == pytest.approx(
        macro_f1(cv["gold"], cv["label"]))
    assert chosen == "svm C=10 hybrid"  # the rule hits help on dev, as in the side-by-side comparison
    with pytest.raises(FramingError, match="one split"):
        select_model(pd.concat([dev, dev.assign(split="test")]), candidates)
    with pytest.raises(FramingError, match="at least one"):
        select_model(dev, {})


def test_multilabel_fires_one_classifier_per_side_and_says_both_or_none():
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression

    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]] * 5)
    y = ["kremlin", "france", "both", "none"] * 5
    model = SidesClassifier(LogisticRegression(C=100.0)).fit(X, y)
    assert model.sides_.tolist() == ["france", "kremlin"] and model.classes_.tolist() == ["france", "kremlin",
                                                                                          "both", "none"]
    # a "both" sentence is a positive example for each side: each side's classifier learnt one feature
    assert model.estimators_[0].coef_[0, 1] > 0 and model.estimators_[1].coef_[0, 0] > 0
    assert model.predict(X[:4]).tolist() == ["kremlin", "france", "both", "none"]
    fire = model.decision_function(X[:4]) > 0
    assert fire.tolist() == [[False, True], [True, False], [True, True], [False, False]]
    assert clone(model).get_params()["estimator"].C == 100.0 and not hasattr(clone(model), "estimators_")
    with pytest.raises(FramingError, match="labelled with a side"):
        SidesClassifier(LogisticRegression()).fit(X[:2], ["none", "both"])
    with pytest.raises(FramingError, match="decision function"):
        make_classifier("nb", multilabel=True)


def test_multilabel_and_context_models_label_the_corpus_with_its_neighbours(dev, run, table, study):
    model = small("svm", lexicon=study, context=True, multilabel=True)
    model.fit(framing.features.model_input(model, dev), dev["label"])
    labels = classifier_labels(model, run.sentences)  # built from the sentences table, as in training
    assert set(labels.columns) == {"doc_id", "sent_id", "label", "score_france", "score_kremlin"}
    pair = labels.merge(table, on=["doc_id", "sent_id"])
    assert (pair["label_x"].to_numpy() == model.predict(framing.features.model_input(model, pair))).all()
    fire = pair[["score_france", "score_kremlin"]].to_numpy() > 0
    expected = np.select([fire.all(axis=1), fire[:, 0], fire[:, 1]], ["both", "france", "kremlin"], "none")
    assert (pair["label_x"].to_numpy() == expected).all()
    # the neighbours are features: another previous sentence moves the score
    row = framing.features.model_input(model, table.iloc[[5]])
    other = row.assign(prev_text=table["text"].iloc[40])
    assert not np.allclose(model.decision_function(row), model.decision_function(other))
    assert set(labels["label"]) <= set(LABELS) and "both" in set(dev["label"])
    with pytest.raises(FramingError, match="not a linear model"):
        explain_sentence(model, "The programme changed.")
    context = small(context=True)
    context.fit(framing.features.model_input(context, dev), dev["label"])
    explained = explain_sentence(context, table.iloc[[5]], n=10**6)
    assert {"prev", "next", "text"} <= set(explained["block"])  # neighbours' words count in the score
    with pytest.raises(FramingError, match="neighbours"):
        explain_sentence(context, "The programme changed.")


def test_framing_train_trains_a_configuration_on_several_splits(tmp_path, study, table):
    from framing.models import load_model, read_model_info

    out = tmp_path / "final.skops"
    assert _train(["--study", str(CORPUS / "study.yaml"), "--gold", str(CORPUS / "annotations" / "gold.csv"),
                   "--kind", "svm", "--hybrid", "--multilabel", "--context", "--splits", "dev,test",
                   "-o", str(out)]) == 0
    info = read_model_info(out)
    trained = table[table["split"].isin(["dev", "test"])]
    assert info["training_data_hash"] == training_data_hash(trained)  # every dev and test article, not the blind
    assert info["extra"]["split"] == "dev,test" and info["extra"]["articles"] == trained["doc_id"].nunique()
    assert {k: info["extra"][k] for k in ("kind", "hybrid", "context", "multilabel")} == {
        "kind": "svm", "hybrid": True, "context": True, "multilabel": True}
    model = load_model(out, study=study)
    labels = classifier_labels(model, table)
    assert set(labels["label"]) <= set(LABELS) and len(labels) == len(table)
    with pytest.raises(FramingError, match="No coded article has split 'nonesuch'"):
        _train(["--study", str(CORPUS / "study.yaml"), "--gold", str(CORPUS / "annotations" / "gold.csv"),
                "--splits", "dev,nonesuch", "-o", str(tmp_path / "m.skops")])


@pytest.mark.slow
def test_framing_train_selects_by_nested_cross_validation_on_dev(tmp_path, capsys):
    from framing.models import read_model_info

    out, scores = tmp_path / "selected.skops", tmp_path / "selection.csv"
    assert _train(["--study", str(CORPUS / "study.yaml"), "--gold", str(CORPUS / "annotations" / "gold.csv"),
                   "--select", "--outer", "2", "--inner", "2", "--selection", str(scores), "--splits", "all",
                   "-o", str(out)]) == 0
    table = pd.read_csv(scores)
    chosen = table.query("fold == -1 and chosen")["candidate"].item()
    assert f"selected {chosen!r}" in capsys.readouterr().err
    info = read_model_info(out)["extra"]
    assert info["selected"] and info["split"].split(",") == sorted(framing.read_corpus(CORPUS)["split"].unique())
    assert chosen == candidate_name(info)


def candidate_name(config):
    flags = [f for f in ("hybrid", "context", "multilabel") if config[f]]
    return f"{config['kind']} C={float(config['C']):g} " + (" ".join(flags) or "plain")
