# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Lexicon scoring across the corpus
#
# One article showed how an article is scored. Here the same lexicons run over
# the whole corpus, and we ask two questions: what do the scores say, and how
# far can we trust them? The second has an answer when the study has gold
# annotations: sentences coded by hand (in the demonstration study,
# `corpus/annotations/gold.csv`, by the rules of `corpus/CODEBOOK.md`).

# %% tags=["parameters"]
# Parameters (papermill convention): point these at another study to run the notebook on it.
study_path = "../corpus/study.yaml"
corpus_path = None  # default: the folder of the study file
gold_path = "../corpus/annotations/gold.csv"  # None when the study has no gold annotations
seed = 0

# %%
import framing
from framing.display import section, show, study_inputs

study, articles, gold = study_inputs(study_path, corpus_path, gold_path)
sides = study.side_ids
from framing.concordance import kwic
from framing.evaluate import evaluate, gold_scores, lexicon_labels, measure_agreement

run = framing.analyse(articles, study)
show(articles.groupby([c for c in ["lang", "split"] if c in articles]).size().to_frame("articles"))

# %% [markdown]
# ## The lexicons
#
# One lexicon per language, each a nested dictionary: a side's account is the
# categories under its name. Globs (`программ*`) cover word endings.

# %%
import pandas as pd

show(pd.DataFrame(
    [(lang, category, len(patterns), ", ".join(patterns[:4]))
     for lang in study.languages
     for category, patterns in study.lexicon_dictionary(lang).items()],
    columns=["lang", "category", "entries", "first entries"],
), max_text=70)

# %% [markdown]
# ## Which terms do the work?
#
# Counting hits by category shows what drives each account's score. Words that
# also appear in background paragraphs (in the demonstration study, Aleppo and
# the veto) can carry a side's score without the article adopting its account.

# %%
show(run.hits.groupby(["side", "category"]).size().unstack(0).fillna(0).astype(int), study=study)

# %% [markdown]
# The commonest category of the first side, in context:

# %%
own = run.hits[run.hits["side"] == sides[0]]
if section(not own.empty, f"lexicon hits for the side {sides[0]!r}"):
    category = own["category"].value_counts().index[0]
    print(category)
    display(show(kwic(articles, run.hits, category=category, window=45)[["doc_id", "left", "match", "right"]]
                 .head(8)))

# %% [markdown]
# ## The scores
#
# One row per article; the measures are defined in `framing/scoring.py`.

# %%
columns = ["doc_id", "lang", "outlet", *(f"{s}_salience" for s in sides), "primacy", "balance"]
show(run.scores.sort_values("balance")[[c for c in columns if c in run.scores]].head(10), study=study)

# %% [markdown]
# ## How good is the lexicon? Against the gold
#
# Sentence labels from the lexicon (each side, `both`, `none`) are compared
# with the hand coding, per language and split. Where the study has a `test`
# split written after the lexicons were frozen, its figures are the honest
# ones.

# %%
if section(gold is not None, "gold annotations (gold_path)"):
    table = evaluate(lexicon_labels(run.sentences, run.hits), gold, run.sentences, study, groups=articles,
                     by=[c for c in ["lang", "split"] if c in articles])
    table["measure"] = [f"{m}[{l}]" if l not in ("all", "macro") else m for m, l in zip(table["metric"], table["label"])]
    wanted = [*(f"f1[{s}]" for s in sides), "macro_f1", *(f"presence_accuracy[{s}]" for s in sides),
              "primacy_accuracy"]
    display(show(table[table["measure"].isin(wanted)].pivot_table(index="group", columns="measure", values="value")
                 [[m for m in wanted if m in set(table["measure"])]], study=study))

# %% [markdown]
# ### The continuous measures against the gold
#
# Salience, prominence and balance are computed from the gold's sentence
# labels by the same code (`gold_scores`), and each method's value is
# compared with them, article by article: Pearson and Spearman r, the mean
# absolute error and the bias (mean signed error: a positive balance bias
# leans towards the second side of the study's `balance` pair). Intervals are
# BCa bootstrap intervals over articles; none below 10 articles.

# %%
if section(gold is not None, "gold annotations (gold_path)"):
    truth = gold_scores(gold, run.sentences, study, hits=run.hits)
    agreement = measure_agreement(run.scores, truth, by=[c for c in ["split"] if c in run.scores], seed=seed)
    agreement["shown"] = [f"{v:.2f}" + (f" [{lo:.2f}, {hi:.2f}]" if pd.notna(lo) else "")
                          for v, lo, hi in zip(agreement["value"], agreement["low"], agreement["high"])]
    display(show(agreement.pivot_table(index=["group", "label"], columns="metric", values="shown", aggfunc="first",
                                       sort=False)))

# %% [markdown]
# In the demonstration study, presence and primacy survive much better than
# sentence labels: an article that carries an account usually says so in
# several sentences, so missing one paraphrase rarely changes the article's
# answer. Sentence F1 falls on the test split — paraphrases escape a word list
# — which is what the supervised classifiers of notebook 04 are for.
