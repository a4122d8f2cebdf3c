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
# # 05 · Comparing outlets, countries and languages
#
# The research questions are comparative. Do Russian state outlets lead with
# the Kremlin's account, and French outlets with the French one? How different
# are the groups, and how sure can we be with a few articles per group? Every
# estimate below comes with a bootstrap interval, and group differences with a
# permutation test and effect sizes, not only a p-value.

# %%
import pandas as pd

import framing
from framing.compare import permutation_test, summarise
from framing.paper import keyness_between

study = framing.load_study("../corpus/study.yaml")
articles = framing.read_corpus("../corpus")
scores = framing.analyse(articles, study).scores
scores["state_media"] = scores["outlet_type"].str.startswith("ru_state").map({True: "Russian state", False: "other"})

# %% [markdown]
# ## Accounts by outlet type, with 95% intervals
#
# Intervals are BCa bootstrap intervals; a group of fewer than 10 articles
# gets none ("n too small"): none of the intervals measured holds its coverage
# there (bench/COVERAGE.md).

# %%
summary = summarise(scores, ["kremlin_prominence", "france_prominence"], by="outlet_type", seed=0)
summary["mean [95% CI]"] = [f"{e:.2f} [{lo:.2f}, {hi:.2f}]" if pd.notna(lo) else f"{e:.2f} ({kind})"
                            for e, lo, hi, kind in zip(summary["estimate"], summary["ci_low"],
                                                       summary["ci_high"], summary["interval"])]
summary.pivot(index="group", columns="measure", values="mean [95% CI]").join(
    summary.drop_duplicates("group").set_index("group")["n"])

# %% [markdown]
# ## Russian state media against everyone else
#
# Balance runs from −1 (only the Kremlin's account) to +1 (only the French).

# %%
result = permutation_test(scores, "balance", by="state_media", groups=("Russian state", "other"), seed=0)
pd.Series(result).to_frame("value")

# %% [markdown]
# ## Primacy: which account comes first?

# %%
pd.crosstab(scores["outlet_type"], scores["primacy"], normalize="index").round(2)

# %% [markdown]
# ## Which words separate Russian from French outlets writing in French?
#
# Keyness by the log-odds ratio with an informative Dirichlet prior (Monroe,
# Colaresi and Quinn 2008); positive scores lean to the Russian outlets.

# %%
table = keyness_between(articles, column="country", groups=("RU", "FR"), lang="fr")
pd.concat([table.head(10).reset_index(drop=True), table.tail(10).iloc[::-1].reset_index(drop=True)],
          axis=1, keys=["Russian outlets", "French outlets"])[[("Russian outlets", "term"),
          ("Russian outlets", "score"), ("French outlets", "term"), ("French outlets", "score")]].round(2)

# %% [markdown]
# With three to twelve articles per group the intervals are wide: the corpus
# is a demonstration, and the figures show how a study would read, not
# findings about the press of October 2016.
