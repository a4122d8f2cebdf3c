"""The notebooks: .py files only, stable through a JupyterLab save, parameterised, run on two studies.

Each notebook is run top to bottom on the demonstration study and on
tests/data/tiny_study (no gold, three sides, other metadata) by injecting
values after its ``parameters`` cell (the papermill convention). Every figure
a cell draws must arrive as an image, not as ``<Figure size …>``.
"""

import re
import subprocess

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

import framing
from conftest import CORPUS, REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9]*.py"))
TINY = REPO / "tests" / "data" / "tiny_study"
STUDIES = {
    "demo": {"study_path": "../corpus/study.yaml", "corpus_path": None,
             "gold_path": "../corpus/annotations/gold.csv"},
    "tiny": {"study_path": str(TINY / "study.yaml"), "corpus_path": None, "gold_path": None},
}
#: Images each notebook renders, per study (one per figure drawn).
IMAGES = {
    "demo": {"01": 0, "02": 0, "03": 2, "04": 2, "05": 0, "06": 9},
    "tiny": {"01": 0, "02": 0, "03": 2, "04": 0, "05": 0, "06": 6},
}
FILTERS = {"notebook_metadata_filter": "kernelspec,-all", "cell_metadata_filter": "tags,-all"}


def test_there_are_six_notebooks_and_no_ipynb_in_git():
    assert [p.name[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06"]
    tracked = subprocess.run(["git", "ls-files", "notebooks"], cwd=REPO, capture_output=True, text=True).stdout
    assert ".ipynb" not in tracked
    config = (REPO / "notebooks" / "jupytext.toml").read_text()
    assert all(f'{key} = "{value}"' in config for key, value in FILTERS.items())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_jupyterlab_save_after_running_leaves_the_file_unchanged(path):
    text = path.read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt="py:percent")
    # what JupyterLab adds when it runs and saves: kernel metadata, outputs, counts, cell metadata
    notebook.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                             "language": "python"},
                              "language_info": {"name": "python", "version": "3.11"}, "jupytext": dict(FILTERS)})
    for cell in notebook.cells:
        cell.metadata.update({"trusted": True, "execution": {"iopub.status.busy": "2026-01-01"}})
        if cell.cell_type == "code":
            cell.execution_count = 3
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="x\n")]
    assert jupytext.writes(notebook, fmt="py:percent") == text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_parameters_and_names_none_of_the_studys_ids(path):
    notebook = jupytext.read(path)
    parameters = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    assert all(f"{name} =" in parameters[0].source for name in ["study_path", "corpus_path", "gold_path"])
    study = framing.load_study(CORPUS / "study.yaml")
    articles = framing.read_corpus(CORPUS)
    ids = {*articles["doc_id"], *study.side_ids, *articles["outlet_type"], *articles["country"],
           *(c for lang in study.languages for c in study.lexicon_dictionary(lang))}
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell is not parameters[0]:
            named = ids & set(re.findall(r"[\w.]+", cell.source)) - {"none", "both"}
            assert not named, f"{path.name} names {sorted(named)} in:\n{cell.source}"


def run_notebook(path, parameters):
    notebook = jupytext.read(path)
    at = next(i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", []))
    injected = nbformat.v4.new_code_cell("\n".join(f"{k} = {v!r}" for k, v in parameters.items()))
    injected.metadata["tags"] = ["injected-parameters"]
    notebook.cells.insert(at + 1, injected)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def outputs(notebook):
    return [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]


def images(notebook) -> int:
    return sum("image/png" in o.get("data", {}) for o in outputs(notebook))


def figures_without_image(notebook) -> list[str]:
    """Outputs that show a figure's repr (``<Figure size …>``) instead of the figure."""
    return [o["data"]["text/plain"] for o in outputs(notebook)
            if "<Figure size" in o.get("data", {}).get("text/plain", "") and "image/png" not in o["data"]]


@pytest.mark.slow
@pytest.mark.parametrize("study", STUDIES)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_notebook_runs_on_the_study(path, study):
    notebook = run_notebook(path, STUDIES[study])
    errors = [o for o in outputs(notebook) if o.output_type == "error"]
    assert not errors, errors[0]["evalue"] if errors else ""
    assert not figures_without_image(notebook)
    assert images(notebook) == IMAGES[study][path.name[:2]]
    for cell in notebook.cells:  # a drawing cell draws, or says why it skipped
        if "figure" in cell.metadata.get("tags", []):
            text = "".join(o.get("text", "") for o in cell.outputs)
            assert any("image/png" in o.get("data", {}) for o in cell.outputs) or "Skipped:" in text, cell.source
    if study == "tiny":
        skipped = "".join(o.get("text", "") for o in outputs(notebook))
        shown = "".join(o.get("data", {}).get("text/markdown", "") for o in outputs(notebook))
        if path.name[:2] in {"02", "03", "04"}:
            assert "Skipped: this study has no gold annotations" in skipped
        if path.name[:2] == "06":
            assert "Skipped: no gold annotations." in shown
