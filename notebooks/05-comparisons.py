# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 · Comparing groups of articles
#
# The research questions are comparative: do some outlets lead with one side's
# account and others with another's? How different are the groups, and how
# sure can we be with a few articles per group? Every estimate below comes
# with a bootstrap interval, and group differences with a permutation test and
# effect sizes, not only a p-value. The groups are the study's grouping
# columns, with the names its figures file gives them.

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
import pandas as pd

from framing.compare import permutation_test, summarise
from framing.paper import keyness_between, load_figure_plan

plan = load_figure_plan(study)
run = framing.analyse(articles, study)
by = next(c for c in [*plan.group_columns, "lang"] if c in run.scores and run.scores[c].notna().any())
scores = plan.labelled(run.scores, by)
print(f"Groups: {plan.column_label(by)} ({by}), {scores[by].nunique()} of them")

# %% [markdown]
# ## Each side's prominence by group, with 95% intervals
#
# Intervals are BCa bootstrap intervals; a group of fewer than 10 articles
# gets none ("n too small"): no interval measured holds its coverage there
# (bench/COVERAGE.md).

# %%
measures = [f"{s}_prominence" for s in sides]
summary = summarise(scores, measures, by=by, seed=seed)
summary["mean [95% CI]"] = [f"{e:.2f} [{lo:.2f}, {hi:.2f}]" if pd.notna(lo) else f"{e:.2f} ({kind})"
                            for e, lo, hi, kind in zip(summary["estimate"], summary["ci_low"],
                                                       summary["ci_high"], summary["interval"])]
show(summary.pivot(index="group", columns="measure", values="mean [95% CI]")[measures].join(
    summary.drop_duplicates("group").set_index("group")["n"]), study=study)

# %% [markdown]
# ## The two largest groups against each other
#
# Balance runs from −1 (only the first side of the study's `balance` pair) to
# +1 (only the second).

# %%
largest = scores[by].value_counts().index[:2].tolist()
if section(len(largest) == 2, f"second group in {by!r} to compare"):
    result = permutation_test(scores, "balance", by=by, groups=tuple(largest), seed=seed)
    display(show(pd.Series(result, dtype=object).to_frame("value"), digits=3))

# %% [markdown]
# ## Primacy: which account comes first?

# %%
show(pd.crosstab(scores[by], scores["primacy"], normalize="index"), study=study)

# %% [markdown]
# ## Which words separate two groups writing in one language?
#
# Keyness by the log-odds ratio with an informative Dirichlet prior (Monroe,
# Colaresi and Quinn 2008); positive scores lean to the first group. The
# groups are those of the keyness figure in the study's figures file.

# %%
spec = next((s for s in plan.figures.values() if s["figure"] == "keyness"), None)
if section(spec is not None, "keyness figure in its figures file"):
    table = keyness_between(articles, column=spec["column"], groups=tuple(spec["groups"]),
                            lang=spec.get("lang") or study.languages[0])
    names = spec.get("labels") or spec["groups"]
    display(show(pd.concat([table.head(10).reset_index(drop=True)[["term", "score"]],
                            table.tail(10).iloc[::-1].reset_index(drop=True)[["term", "score"]]],
                           axis=1, keys=names)))

# %% [markdown]
# With a few articles per group the intervals are wide: the demonstration
# corpus shows how a study would read, not findings about the press.
