# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Supervised classifiers: how far does the lexicon get, and what does it miss?
#
# The lexicon finds each side's account through words a researcher wrote down.
# A supervised classifier learns the same sentence labels (each side, `both`,
# `none`) from the hand-coded gold. This notebook trains one, measures it
# honestly, and sets it beside the lexicon and the gold:
#
# 1. the training table and the classifier;
# 2. lexicon and classifier against the gold: cross-validated on the dev split
#    with folds of **whole articles**, and trained on dev for the held-out
#    test split (`framing.evaluate.evaluate_methods`);
# 3. a learning curve: how many coded articles does it take?
# 4. where the two methods disagree;
# 5. what the classifier learnt, and one sentence explained;
# 6. saving the model safely and scoring articles with it.
#
# Everything here needs gold annotations with `dev` and `test` splits; a
# study without them skips each step and says so.

# %% tags=["parameters"]
# Parameters (papermill convention): point these at another study to run the notebook on it.
study_path = "../corpus/study.yaml"
corpus_path = None  # default: the folder of the study file
gold_path = "../corpus/annotations/gold.csv"  # None when the study has no gold annotations
seed = 0

# %%
from pathlib import Path

import framing
from framing.display import section, show, study_inputs

study, articles, gold = study_inputs(study_path, corpus_path, gold_path)
sides = study.side_ids
import warnings

import pandas as pd

from framing import classify, evaluate, models
from framing.evaluate import lexicon_labels
from framing.figures import fig_learning_curve, fig_method_f1

warnings.filterwarnings("ignore", message="The least populated class")  # `both` is rare; see below

labels = [*sides, "both", "none"]
run = framing.analyse(articles, study)
needs = "gold annotations with dev and test splits"
has_gold = section(gold is not None and "split" in articles and {"dev", "test"} <= set(articles["split"]), needs)

# %% [markdown]
# ## 1 · The training table and the classifier
#
# One row per coded sentence: the text is X, the gold label is y, the article
# (`doc_id`) is the group that must never be split between training and
# testing.

# %%
if section(has_gold, needs):
    table = classify.training_table(articles, run.sentences, gold)
    dev = table[table["split"] == "dev"].reset_index(drop=True)
    display(show(pd.crosstab([table["split"], table["lang"]], table["label"]), study=study))

# %% [markdown]
# A rare label (in the demonstration study, `both`) is hard for any method, and
# its F1 intervals below are wide.
#
# The classifier: TF-IDF over words (1–2-grams) and over character n-grams
# within words (2–5, `char_wb`, which needs no language-specific tokeniser or
# stemmer), and a class-balanced logistic regression.

# %%
model = classify.make_classifier("logreg", seed=seed)
model

# %% [markdown]
# ## 2 · Lexicon and classifier against the gold
#
# Sentences of one article share names, phrasing and framing: splitting by
# sentence would let the model see an article's other sentences while it is
# tested. So the dev split is cross-validated with every article in one fold,
# and the classifier trained on all of dev labels the test split once — the
# numbers to report. F1 has 95% intervals from a **cluster bootstrap** over
# articles. `kappa` and `alpha` measure how far the two methods agree with
# *each other* beyond chance. The lexicon was written while reading the dev
# articles, so its dev scores are in-sample.

# %%
if section(has_gold, needs):
    lexicon = lexicon_labels(run.sentences, run.hits)
    predictions, metrics, agreement = evaluate.evaluate_methods(
        model, table, lexicon, gold, groups=articles, label_order=labels, seed=seed)
    comparison = evaluate.comparison_table(metrics, agreement)
    # the macro-F1 of each method and their agreement; per-label F1 is in the figure below
    display(show(comparison, columns=["evaluation", "group", "sentences", "lexicon macro-F1",
                                      "classifier macro-F1", "kappa", "alpha"]))

# %% [markdown]
# In the demonstration study, on the test split (written after the lexicons
# were frozen) the lexicon loses much more than the classifier: its entries fit
# the wording of the dev articles more than the accounts themselves. Low
# agreement between the methods means they err on different sentences, which
# is what makes the disagreement table below useful.

# %% tags=["figure"]
if section(has_gold, needs):
    fig_method_f1(metrics, study=study);

# %%
if section(has_gold, needs):
    held = predictions[(predictions["evaluation"] == "test") & (predictions["method"] == "classifier")]
    display(show(evaluate.confusion_table(held, gold, label_order=labels)))

# %% [markdown]
# At the article level (is each side's account present, which comes first)
# on the test split:

# %%
if section(has_gold, needs):
    test = predictions[predictions["evaluation"] == "test"]
    methods = {method: rows for method, rows in test.groupby("method", sort=False)}
    article_level = evaluate.compare_methods(methods, gold, run.sentences, study, groups=articles)
    display(show(article_level[article_level["metric"].isin(["presence_accuracy", "primacy_accuracy"])].pivot_table(
        index="group", columns=["metric", "label", "method"], values="value", sort=False), max_columns=10))

# %% [markdown]
# ## 3 · Learning curve: how many coded articles does it take?
#
# Each point is cross-validated on the same folds: in every fold the model is
# trained on the first *n* of its training articles (languages taken in turn)
# and labels the whole held-out fold.

# %% tags=["figure"]
if section(has_gold, needs):
    curve = evaluate.learning_curve(model, dev, sizes=(10, 20, 30, None), n_splits=5, seed=seed)
    fig_learning_curve(curve, study=study);

# %% [markdown]
# ## 4 · Where the methods disagree
#
# Each row is a test sentence the lexicon and the classifier label
# differently, with the gold. Rows where only the classifier is right are
# candidates for new lexicon entries; rows where only the lexicon is right show
# what the classifier cannot yet learn from so few examples.

# %%
if section(has_gold, needs):
    disagree = evaluate.disagreements(lexicon, held, gold, run.sentences)
    display(show(disagree["right"].value_counts()))
    display(show(disagree[disagree["right"] == "classifier"].head(10), max_text=90))

# %% [markdown]
# ## 5 · What the classifier learnt
#
# The heaviest features for each label (coefficients of the model trained on
# all dev articles): word features are prefixed `words`, character n-grams
# `chars`.

# %%
if section(has_gold, needs):
    fitted = model.fit(dev["text"], dev["label"])
    top = classify.top_features(fitted, n=8)
    wide = top.pivot_table(index="rank", columns="label", values="feature", aggfunc="first")
    display(show(wide, study=study))

# %% [markdown]
# One sentence explained: each feature's value times its weight for the
# predicted label; with the intercept they add up to the label's score.

# %%
if section(has_gold, needs):
    right = held.merge(table[["doc_id", "sent_id", "text", "label"]].rename(columns={"label": "gold"}))
    right = right[(right["label"] == sides[0]) & (right["gold"] == sides[0])]
    if section(not right.empty, f"test sentence the classifier labels {sides[0]!r} correctly"):
        text = right["text"].iloc[0]
        print(text)
        display(show(classify.explain_sentence(fitted, text, n=10), digits=3))

# %% [markdown]
# ## 6 · Save safely, score with the model
#
# Models are saved with skops (no pickle). Loading trusts only the types a
# framing pipeline holds, checks the file was not changed, and records the
# study, labels, training-data hash and library versions. Article measures
# from the classifier's labels come out in the schema of the lexicon scores,
# so the two stack into one table with a `method` column (the model was
# trained on the dev articles, so its dev measures are in-sample).

# %%
if section(has_gold, needs):
    import tempfile

    path = Path(tempfile.mkdtemp()) / f"{study.name}-logreg.skops"
    models.save_model(fitted, path, study=study, labels=labels, training_data_hash=classify.training_data_hash(dev),
                      extra={"kind": "logreg", "seed": seed})
    loaded = models.load_model(path, study=study)
    display({key: value for key, value in models.read_model_info(path).items() if key != "payload_sha256"})
    scores = framing.analyse(articles, study, method="both", model=loaded).scores
    display(show(scores.groupby(["method", "split"])[[*(f"{s}_salience" for s in sides), "balance"]].mean(),
                 study=study))

# %% [markdown]
# ### The continuous measures of both methods against the gold
#
# Each method's salience, prominence and balance are compared, article by
# article, with the same measures computed from the gold labels
# (`framing.evaluate.measure_agreement`): Pearson and Spearman r, mean
# absolute error and bias, with BCa intervals over articles. The classifier
# was trained on dev, so its figures on the other splits are the honest ones.

# %%
if section(has_gold, needs):
    truth = evaluate.gold_scores(gold, run.sentences, study, hits=run.hits)
    agreement = evaluate.measure_agreement(scores, truth, by=["split"], seed=seed)
    agreement["shown"] = [f"{v:.2f}" + (f" [{lo:.2f}, {hi:.2f}]" if pd.notna(lo) else "")
                          for v, lo, hi in zip(agreement["value"], agreement["low"], agreement["high"])]
    display(show(agreement.pivot_table(index=["group", "label"], columns="metric", values="shown", aggfunc="first",
                                       sort=False)))
