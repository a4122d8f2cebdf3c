# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06 · The paper's figures
#
# Every figure of the paper comes from one call, `framing.paper.paper_figures`,
# which is also what `framing figures` (and `make figures`) runs, writing PDF
# and PNG files and a `MANIFEST.json`. The figures, their grouping columns and
# the names of the groups come from `figures.yaml` beside the study file; a
# figure whose data the study lacks is skipped, with the reason.

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
from IPython.display import Markdown

from framing.paper import load_figure_plan, paper_figures

run = framing.analyse(articles, study)
plan = load_figure_plan(study)
figures = paper_figures(articles, run, study, gold=gold, plan=plan, seed=seed, n_boot=500)
print(f"{sum(f.figure is not None for f in figures.values())} of {len(figures)} figures drawn "
      f"({plan.path or 'the default set: the study has no figures.yaml'})")

# %% [markdown]
# In the order of the figures file: each side's salience and prominence per
# article; the accounts, primacy, balance and voice per group; the words that
# separate two groups; when the articles appeared; and, with gold
# annotations, the per-label F1 of lexicon and classifier with bootstrap
# intervals over articles.

# %% tags=["figure"]
for name, item in figures.items():
    display(Markdown(f"### {name}" + (f"\n\nSkipped: {item.skipped}." if item.skipped else "")))
    if item.figure is not None:
        display(item.figure)
