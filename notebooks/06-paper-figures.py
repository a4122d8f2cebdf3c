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
# # 06 · The paper's figures
#
# Every figure of the paper comes from one call, `framing.paper.paper_figures`,
# which is also what `make figures` runs (writing PDF and PNG files and
# `figures/MANIFEST.json`). Here they are in the order a reader meets them.

# %%
import framing
from framing.evaluate import read_gold
from framing.paper import paper_figures

study = framing.load_study("../corpus/study.yaml")
articles = framing.read_corpus("../corpus")
gold = read_gold("../corpus/annotations/gold.csv", study=study)
run = framing.analyse(articles, study)
figures = paper_figures(articles, run, study, gold=gold, seed=0, n_boot=500)
list(figures)

# %% [markdown]
# ## Where each article stands
# Salience and prominence of each account per article, sorted by balance.

# %%
figures["salience_prominence"].figure

# %% [markdown]
# ## Accounts by outlet type and by language

# %%
figures["accounts_by_outlet_type"].figure

# %%
figures["accounts_by_lang"].figure

# %% [markdown]
# ## Which account comes first, and where articles sit between the two

# %%
figures["primacy_by_outlet_type"].figure

# %%
figures["balance_by_country"].figure

# %% [markdown]
# ## Whose words the articles carry
# The share of each article's words that is reported speech of each side.

# %%
figures["voice_by_outlet_type"].figure

# %% [markdown]
# ## Words that separate the coverages, and when it appeared

# %%
figures["keyness_fr_ru_vs_fr_outlets"].figure

# %%
figures["timeline_by_lang"].figure

# %% [markdown]
# ## How far to trust the measures: lexicon and classifier against the gold
# Per-label F1 with bootstrap intervals over articles; the classifier is
# cross-validated on the dev split, and trained on dev for the test split.

# %%
figures["method_f1"].figure
