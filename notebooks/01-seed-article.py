# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · One article: where each account sits, and how it becomes measures
#
# A study names the sides of a contested event and, for each, the words of its
# account and the actors who speak for it. This notebook takes one article —
# the first of the corpus by file name (in the demonstration study, the seed
# article about Putin's cancelled visit to Paris) — and shows where each
# account sits in the text, and how `framing` turns that into article
# measures. All the logic lives in the package; the notebook only calls it.
#
# The parameters cell below names the study; change it (or inject other
# values, as the tests do) to run the notebook on your own study.

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

article = articles.iloc[0]
one = articles.iloc[[0]]
show(one, columns=[c for c in ["doc_id", "headline", "outlet", "date", "lang", "synthetic"] if c in one])

# %% [markdown]
# ## The study: sides, actors, accounts
#
# A study is data. Each side lists the actors who speak for it and the lexicon
# categories that make up its account.

# %%
import pandas as pd

show(pd.DataFrame(
    [(side.id, side.label, ", ".join(side.account), ", ".join(side.actors)) for side in study.sides.values()],
    columns=["side", "label", "account categories", "actors"],
))

# %% [markdown]
# ## Sentences, and the words that carry each account
#
# The article is split into sentences with character offsets; the headline
# counts as one sentence and the first paragraph is the lead. The lexicon then
# marks the words of each account.

# %%
run = framing.analyse(one, study)
show(run.sentences[["sent_id", "part", "text"]].head(8), max_text=120)

# %%
show(run.hits[["sent_id", "part", "category", "side", "term", "start", "end", "in_quote"]])

# %% [markdown]
# Every hit points back at the exact characters it matched:

# %%
[(h.category, framing.text.source_text(article, h.part)[h.start:h.end]) for h in run.hits.itertuples()]

# %% [markdown]
# ## From sentences to article measures
#
# `explain` lays out what the scores are made of: which sentences carry which
# side, with their position weight (headline 3, lead 2, body 1).

# %%
show(framing.explain(article["doc_id"], sentences=run.sentences, hits=run.hits), max_text=100)

# %%
show(run.scores.T, digits=3)

# %% [markdown]
# `primacy` is the side whose account comes first; `balance` runs from −1
# (only the first side of the study's `balance` pair) to +1 (only the
# second). In the demonstration's seed article the headline ties the
# cancellation to the Syria war-crimes row in the journalist's own voice, so
# the French account comes first and dominates; the Kremlin's explanation
# appears once, inside quotation marks (`in_quote`).
#
# The same measures for the whole corpus are one call away:

# %%
corpus_run = framing.analyse(articles, study)
show(corpus_run.scores.groupby("lang")[[*(f"{s}_salience" for s in sides), "balance"]].mean(), study=study)
