import json

import matplotlib.figure
import numpy as np
import pandas as pd
import pytest

import framing
from framing.cli import main
from framing.figures import fig_salience_prominence, save_figure, side_colours
from conftest import CORPUS


def test_figure_function_returns_a_figure_with_one_row_per_article(articles, study):
    scores = framing.analyse(articles, study).scores
    fig = fig_salience_prominence(scores, study, max_labels=len(scores))
    assert isinstance(fig, matplotlib.figure.Figure)
    salience, prominence = fig.axes
    assert len(salience.get_yticklabels()) == len(scores)
    fig = fig_salience_prominence(scores, study)  # 70 articles: every one drawn, none labelled, a page tall
    salience, _ = fig.axes
    assert len(salience.get_yticklabels()) == 0 and fig.get_figheight() <= 4.8
    assert sum(len(line.get_xdata()) for line in salience.get_lines()) == len(scores) * len(study.sides)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Kremlin account", "French account"]
    assert side_colours(study) == {"kremlin": "#D55E00", "france": "#0072B2"}


def test_save_figure_is_byte_identical_on_rerun(tmp_path, seed, study):
    scores = framing.analyse(seed, study).scores
    first = save_figure(fig_salience_prominence(scores, study), tmp_path / "a" / "fig")
    second = save_figure(fig_salience_prominence(scores, study), tmp_path / "b" / "fig")
    assert [p.suffix for p in first] == [".pdf", ".png"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()


def test_framing_figures_writes_figures_and_a_manifest_identically_twice(tmp_path):
    for out in ("one", "two"):
        assert main(["figures", "--study", str(CORPUS / "study.yaml"), "-o", str(tmp_path / out)]) == 0
    one = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert one == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in one:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    manifest = json.loads((tmp_path / "one" / "MANIFEST.json").read_text())
    assert any(key.endswith("study.yaml") for key in manifest["inputs"])
    assert {"salience_prominence", "accounts_by_outlet_type", "accounts_by_lang", "primacy_by_outlet_type",
            "balance_by_country", "keyness_fr_ru_vs_fr_outlets", "timeline_by_lang", "method_f1",
            "voice_by_outlet_type"} <= set(manifest["figures"])
    for name, entry in manifest["figures"].items():
        assert set(entry["files"]) == {f"{name}.pdf", f"{name}.png"}
        assert entry["function"].startswith("framing.figures.fig_")
    assert one == sorted(["MANIFEST.json", *(f"{n}.{x}" for n in manifest["figures"] for x in ("pdf", "png"))])


def test_comparison_figures_draw_what_they_are_given(articles, study):
    from framing.compare import summarise
    from framing.figures import fig_accounts_by_group, fig_balance, fig_keyness, fig_primacy, fig_timeline
    from framing.paper import keyness_between

    scores = framing.analyse(articles, study).scores
    measures = [f"{s}_{m}" for s in study.side_ids for m in ("salience", "prominence")]
    fig = fig_accounts_by_group(summarise(scores, measures, by="lang", n_boot=200), study)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        f"{lang} (n={n})" for lang, n in scores["lang"].value_counts().sort_index().items()]
    fig = fig_primacy(scores, study, by="lang")
    widths = {}
    for patch in fig.axes[0].patches:  # the bars of each row add up to the whole
        widths[round(patch.get_y(), 3)] = widths.get(round(patch.get_y(), 3), 0) + patch.get_width()
    assert all(abs(w - 1) < 1e-9 for w in widths.values())
    fig = fig_balance(scores, study, by="country")
    assert len(fig.axes[0].get_yticklabels()) == scores["country"].nunique()
    table = keyness_between(articles, column="country", groups=("RU", "FR"), lang="fr")
    fig = fig_keyness(table, n=5)
    assert len(fig.axes[0].get_yticklabels()) == 10
    assert all(len(term) > 1 for term in table["term"])
    fig = fig_timeline(scores, by="lang")
    heights = sum(p.get_height() for p in fig.axes[0].patches)
    assert heights == len(scores)


def test_balance_figure_leaves_out_articles_without_an_account_and_says_so(study):
    from framing.figures import fig_balance

    scores = pd.DataFrame({"country": ["FR", "FR", "FR", "RU", "RU"],
                           "balance": [1.0, np.nan, -0.5, -1.0, -1.0]})
    fig = fig_balance(scores, study, by="country")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["FR (n=2; 1 without an account left out)", "RU (n=2)"]
    means = [line.get_xdata()[0] for line in fig.axes[0].lines if len(line.get_xdata()) == 2
             and line.get_xdata()[0] == line.get_xdata()[1] and line.get_color() == "black"]
    assert means == [0.25, -1.0]  # the mean of the defined values only


def test_groups_too_small_for_an_interval_are_hollow_points_and_figures_repeat_byte_for_byte(study, tmp_path):
    from matplotlib.colors import to_hex

    from framing.compare import summarise
    from framing.figures import fig_accounts_by_group

    rng = np.random.default_rng(7)
    scores = pd.DataFrame({"outlet_type": ["wire"] * 12 + ["radio"] * 4,
                           **{f"{s}_{m}": rng.beta(1, 4, 16) for s in study.side_ids
                              for m in ("salience", "prominence")}})
    measures = [f"{s}_{m}" for s in study.side_ids for m in ("salience", "prominence")]
    summary = summarise(scores, measures, by="outlet_type", n_boot=300)
    assert set(summary.loc[summary["group"] == "radio", "interval"]) == {"n too small"}
    fig = fig_accounts_by_group(summary, study)
    hollow = [line for line in fig.axes[0].lines if to_hex(line.get_markerfacecolor()) == "#ffffff"]
    assert len(hollow) == len(study.side_ids)  # one hollow point per side, in the radio row only
    assert all(list(line.get_ydata()) and abs(line.get_ydata()[0] - 0) < 0.5 for line in hollow)  # row 0: radio
    bars = [c for c in fig.axes[0].collections if len(c.get_segments())]
    assert all(len(c.get_segments()) == 1 for c in bars)  # interval bars for the wire row only
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "n too small: mean only, no interval" in legend
    first = save_figure(fig, tmp_path / "one" / "accounts")
    second = save_figure(fig_accounts_by_group(summary, study), tmp_path / "two" / "accounts")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_primacy_figure_shows_undecided_ties_as_their_own_share(study):
    from framing.figures import fig_primacy

    scores = pd.DataFrame({"lang": ["en"] * 4 + ["fr"] * 2,
                           "primacy": ["kremlin", "both", "none", "france", "france", "france"]})
    fig = fig_primacy(scores, study, by="lang")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "both, order unknown" in legend and "no account" in legend
    widths = {}
    for patch in fig.axes[0].patches:
        widths[round(patch.get_y(), 3)] = widths.get(round(patch.get_y(), 3), 0) + patch.get_width()
    assert sorted(widths.values()) == pytest.approx([1.0, 1.0])
    plain = fig_primacy(scores[scores["primacy"] != "both"], study, by="lang")
    assert "both, order unknown" not in [t.get_text() for t in plain.legends[0].get_texts()]
