"""The paper's figures come from the study's figures file: any study, its own columns and group names."""

import shutil

import pytest

import framing
from framing.cli import main
from framing.errors import StudyError
from framing.figures.base import group_tick
from framing.paper import DEFAULT_FIGURES, load_figure_plan, paper_figures
from conftest import CORPUS, REPO

TINY = REPO / "tests" / "data" / "tiny_study"


def test_framing_figures_writes_the_figures_of_another_study(tmp_path, capsys):
    assert main(["figures", "--study", str(TINY / "study.yaml"), "-o", str(tmp_path)]) == 0
    plan = load_figure_plan(framing.load_study(TINY / "study.yaml"))
    written = sorted(p.stem for p in tmp_path.glob("*.png"))
    assert written == sorted(set(plan.figures) - {"method_f1"})
    assert "skipped method_f1: no gold annotations" in capsys.readouterr().err


def test_a_figure_whose_column_is_missing_is_skipped_with_its_reason(tmp_path, capsys):
    study_dir = tmp_path / "study"
    shutil.copytree(TINY, study_dir)
    (study_dir / "figures.yaml").write_text(
        "figures:\n  accounts_by_outlet_type: {figure: accounts, by: outlet_type}\n"
        "  timeline_by_lang: {figure: timeline, by: lang}\n", encoding="utf-8")
    assert main(["figures", "--study", str(study_dir / "study.yaml"), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "skipped accounts_by_outlet_type: the corpus has no column outlet_type" in err
    assert sorted(p.name for p in (tmp_path / "out").glob("*.png")) == ["timeline_by_lang.png"]


def test_a_study_without_figures_file_gets_the_default_set(tmp_path):
    study_dir = tmp_path / "study"
    shutil.copytree(TINY, study_dir)
    (study_dir / "figures.yaml").unlink()
    study = framing.load_study(study_dir / "study.yaml")
    assert dict(load_figure_plan(study).figures) == DEFAULT_FIGURES
    articles = framing.read_corpus(study_dir)
    figures = paper_figures(articles, framing.analyse(articles, study), study, n_boot=50)
    assert {n for n, f in figures.items() if f.figure is not None} == set(DEFAULT_FIGURES) - {"method_f1"}
    # language codes get their names even without a figures file
    ticks = [t.get_text() for t in figures["accounts_by_lang"].figure.axes[0].get_yticklabels()]
    assert ticks == ["English (n=2)"]


def test_groups_carry_the_names_of_the_figures_file_and_panels_share_their_range(articles, study):
    run = framing.analyse(articles, study)
    plan = load_figure_plan(study)
    subset = {k: plan.figures[k] for k in ["accounts_by_outlet_type", "voice_by_outlet_type", "timeline_by_lang"]}
    figures = paper_figures(articles, run, study, plan=type(plan)(subset, plan.columns, plan.path), n_boot=50)
    salience, prominence = figures["accounts_by_outlet_type"].figure.axes
    ticks = [t.get_text() for t in salience.get_yticklabels()]
    counts = articles["outlet_type"].value_counts()
    smallest = plan.value_labels("outlet_type").get(counts.idxmin(), counts.idxmin())
    assert group_tick(smallest, counts.min()) in ticks
    assert all(not t.startswith(("fr_", "ru_", "en_")) for t in ticks)
    assert salience.get_xlim() == prominence.get_xlim()
    voice_ticks = [t.get_text() for t in figures["voice_by_outlet_type"].figure.axes[0].get_yticklabels()]
    assert group_tick(smallest, counts.min()) in voice_ticks
    legend = figures["timeline_by_lang"].figure.axes[0].get_legend()
    assert legend.get_title().get_text() == "Language"
    assert sorted(t.get_text() for t in legend.get_texts()) == ["English", "French", "Russian"]


def test_a_figures_file_with_an_unknown_figure_is_an_error_naming_it(tmp_path, study):
    path = tmp_path / "figures.yaml"
    path.write_text("figures:\n  pie: {figure: pie_chart}\n", encoding="utf-8")
    with pytest.raises(StudyError, match="pie.*use one of"):
        load_figure_plan(study, path)
    assert (CORPUS / "figures.yaml").is_file()
