import json

import matplotlib.figure

import framing
from framing.cli import main
from framing.figures import fig_salience_prominence, save_figure, side_colours
from conftest import CORPUS


def test_figure_function_returns_a_figure_with_one_row_per_article(articles, study):
    scores = framing.analyse(articles, study).scores
    fig = fig_salience_prominence(scores, study)
    assert isinstance(fig, matplotlib.figure.Figure)
    salience, prominence = fig.axes
    assert len(salience.get_yticklabels()) == len(scores)
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
    assert one == ["MANIFEST.json", "salience_prominence.pdf", "salience_prominence.png"]
    for name in one:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    manifest = json.loads((tmp_path / "one" / "MANIFEST.json").read_text())
    assert any(key.endswith("study.yaml") for key in manifest["inputs"])
    assert manifest["figures"]["salience_prominence"]["files"]["salience_prominence.png"]
