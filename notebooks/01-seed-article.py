# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · The seed article: two accounts of one cancellation
#
# On 11 October 2016 the Kremlin announced that Vladimir Putin would not travel
# to Paris on 19 October. Two accounts of *why* competed in the press:
#
# - **Kremlin account** — the events Putin was to attend "fell out of the
#   program"; he is ready to come when it suits President Hollande.
# - **French account** — Hollande would only offer a working meeting on Syria,
#   after speaking of war crimes in Aleppo; Putin declined.
#
# This notebook walks through the study's seed article: where each account sits
# in the text, and how `framing` turns that into article measures. All the logic
# lives in the package; the notebook only calls it.

# %%
import pandas as pd

import framing

pd.set_option("display.max_colwidth", 120)

study = framing.load_study("../corpus/study.yaml")
articles = framing.read_corpus("../corpus")
seed = articles[articles["doc_id"] == "000_9cd90cb41eb6c02b"]
seed[["doc_id", "headline", "outlet", "date", "lang", "synthetic"]]

# %% [markdown]
# ## The study: sides, actors, accounts
#
# A study is data. Each side lists the actors who speak for it and the lexicon
# categories that make up its account.

# %%
pd.DataFrame(
    [(side.id, side.label, ", ".join(side.account), ", ".join(side.actors)) for side in study.sides.values()],
    columns=["side", "label", "account categories", "actors"],
)

# %% [markdown]
# ## Sentences, and the words that carry each account
#
# The article is split into sentences with character offsets; the headline
# counts as one sentence and the first paragraph is the lead. The lexicon then
# marks the words of each account.

# %%
run = framing.analyse(seed, study)
run.sentences[["sent_id", "part", "text"]].head(8)

# %%
run.hits[["sent_id", "part", "category", "side", "term", "start", "end", "in_quote"]]

# %% [markdown]
# Every hit points back at the exact characters it matched:

# %%
article = seed.iloc[0]
[(h.category, framing.text.source_text(article, h.part)[h.start:h.end]) for h in run.hits.itertuples()]

# %% [markdown]
# ## From sentences to article measures
#
# `explain` lays out what the scores are made of: which sentences carry which
# side, with their position weight (headline 3, lead 2, body 1).

# %%
framing.explain("000_9cd90cb41eb6c02b", sentences=run.sentences, hits=run.hits)

# %%
run.scores.T

# %% [markdown]
# The headline ties the cancellation to the Syria war-crimes row in the
# journalist's own voice, so the French account comes first (`primacy`), and it
# dominates the article (`balance` near +1). The Kremlin's explanation appears
# once, in the sentence that quotes the events that "fell out of the program" —
# and it appears inside quotation marks (`in_quote`), a first hint of the
# distance the article keeps from it.
#
# The same measures for the whole corpus are one call away:

# %%
corpus_run = framing.analyse(articles, study)
corpus_run.scores.groupby("lang")[["kremlin_salience", "france_salience", "balance"]].mean().round(2)
