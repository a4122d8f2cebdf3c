# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Who says what: quotations, speakers and sides
#
# An account can be *reported* — in a quotation, or as "the Kremlin said
# that …" — or *adopted* in the journalist's own voice. `framing.analyse`
# finds the reported speech in every article: direct quotations in any of the
# corpus's quotation marks, indirect speech and attribution frames ("said",
# *selon*, «по словам»), the speaker behind each, and the side the speaker
# belongs to. From these come voice measures per article: how much of the
# text each side speaks, and how often its words come with a distancing verb
# ("claimed", *a prétendu*, «якобы»).
#
# The rules live in the package and in the verb lists
# `framing/data/verbs/<lang>.yml`; the notebook only shows what `analyse`
# returned.

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
from IPython.display import HTML

from framing.display import highlight_html
from framing.quotes import reporting_verbs
from framing.compare import summarise
from framing.figures import fig_voice
from framing.paper import load_figure_plan

run = framing.analyse(articles, study)
quotes = run.quotes  # analyse found the reported speech already
show(quotes.head(), max_text=60)

# %% [markdown]
# ## One article, with its quotations coloured by side
#
# The article with the most reported speech. Solid background: a direct
# quotation; lighter and underlined: an indirect report. Hover over a passage
# to see the speaker, the reporting verb and its class.

# %%
if section(not quotes.empty, "reported speech in any article"):
    doc_id = quotes["doc_id"].value_counts().index[0]
    article = articles.set_index("doc_id").loc[doc_id].to_dict() | {"doc_id": doc_id}
    display(HTML(highlight_html(article, quotes, study)))

# %% [markdown]
# The same article as a table. Offsets follow the hits: into the text (or the
# headline, for `sent_id` 0), so every row points back at its words.

# %%
if section(not quotes.empty, "reported speech in any article"):
    mine = quotes[quotes["doc_id"] == doc_id].copy()
    mine["words"] = [(article["headline"] if s == 0 else article["text"])[a:b]
                     for s, a, b in zip(mine["sent_id"], mine["start"], mine["end"])]
    display(show(mine[["sent_id", "kind", "speaker", "side", "verb", "verb_class", "words"]], max_text=70))

# %% [markdown]
# Speakers are the study's actors when their names match an alias (in any case
# form in Russian, with French elision); a role next to a side's name ("a
# French diplomat") gives the side; a pronoun or a follow-on quotation takes
# the speaker before it; everyone else keeps their name and the side `other`.

# %%
show(quotes.groupby(["side", "kind"]).size().unstack(fill_value=0).T, study=study)

# %% [markdown]
# ## Reporting verbs and their classes
#
# Each verb in the shipped lists has a class — neutral, assertive or
# distancing — and the literature the classification follows (the file
# headers explain the choices, e.g. why "insisted" is distancing).

# %%
import pandas as pd

verbs = pd.concat([reporting_verbs(lang).assign(lang=lang) for lang in study.languages])
show(verbs.groupby(["lang", "class"])["form"].agg(lambda f: ", ".join(f.head(6)) + (" …" if len(f) > 6 else ""))
     .to_frame("forms"))

# %%
show(quotes.groupby("side")["verb_class"].value_counts(normalize=True).unstack(fill_value=0).T, study=study)

# %% [markdown]
# ## Voice measures for the whole corpus
#
# `<side>_voice` is the share of an article's words inside that side's quoted
# or reported speech; `<side>_distancing` the share of its attributions
# introduced with a distancing verb; `<side>_adoption_count` the number of its
# account terms in the journalist's own voice, outside any reported speech.
# They are columns of `run.scores`. Groups are the study's first grouping
# column (from its figures file) and its languages.

# %%
plan = load_figure_plan(study)
by = next(c for c in [*plan.group_columns, "lang"] if c in run.scores and run.scores[c].notna().any())
measures = [f"{side}_{m}" for side in sides for m in ("voice", "distancing", "adoption_count")]
scores = plan.labelled(run.scores, by)
show(run.scores[["doc_id", *measures]].head(), study=study)

# %%
by_group = summarise(scores, measures, by=by, seed=seed)
show(by_group.pivot(index="group", columns="measure", values="estimate")[measures], study=study)

# %% tags=["figure"]
fig_voice(scores, study, by=by, seed=seed);

# %%
by_lang = summarise(plan.labelled(run.scores, "lang"), measures, by="lang", seed=seed)
show(by_lang.pivot(index="group", columns="measure", values="estimate")[measures], study=study)

# %% tags=["figure"]
fig_voice(plan.labelled(run.scores, "lang"), study, by="lang", seed=seed);

# %% [markdown]
# Lexicon hits say whether they lie inside a direct quotation (`in_quote`),
# inside any reported speech (`in_speech`), or in the journalist's own voice
# (adoption).

# %%
show(run.hits.dropna(subset=["side"]).groupby("side")[["in_quote", "in_speech"]].mean().T, study=study)

# %% [markdown]
# ## How well does it find reported speech?
#
# Against the hand-coded gold: a sentence has reported speech when the coders
# gave it a speaker; it is predicted to have some when it overlaps a row of
# the quotes table. Side accuracy compares the first speaker's side on the
# sentences where both see speech. Published extractors reach quote F1 of
# about 0.84 (English) and 0.82 (French), and speaker accuracy of about 0.87
# and 0.80.

# %%
if section(gold is not None, "gold annotations (gold_path)"):
    table = framing.evaluate_quotes(quotes, gold, run.sentences, articles,
                                    by=[c for c in ["lang", "split"] if c in articles])
    display(show(table.pivot(index="group", columns="metric", values="value")[
        ["precision", "recall", "f1", "side_accuracy"]], digits=3))

# %% [markdown]
# In the demonstration study, the test split is where the rules meet wording
# they were not written for: recall drops most (new reporting verbs and
# constructions), while precision stays high.
