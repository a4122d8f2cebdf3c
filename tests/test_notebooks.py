"""Every notebook runs top to bottom, draws its figures as images, and its .ipynb matches its jupytext .py pair."""

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))

#: Images each notebook renders on the demonstration study (one per figure drawn).
IMAGES = {"01-seed-article.ipynb": 0, "02-lexicon-scoring.ipynb": 0, "03-attribution.ipynb": 2,
          "04-classifiers.ipynb": 2, "05-comparisons.ipynb": 0, "06-paper-figures.ipynb": 9}


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01-seed-article.ipynb"]
    assert set(IMAGES) == {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs_and_matches_its_pair(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name} has outputs"
    pair = jupytext.read(path.with_suffix(".py"))
    assert [c.source for c in pair.cells] == [c.source for c in notebook.cells]


def images(notebook) -> int:
    return sum("image/png" in o.get("data", {}) for c in notebook.cells if c.cell_type == "code" for o in c.outputs)


def figures_without_image(notebook) -> list[str]:
    """Outputs that show a figure's repr (``<Figure size …>``) instead of the figure."""
    return [o["data"]["text/plain"] for c in notebook.cells if c.cell_type == "code" for o in c.outputs
            if "<Figure size" in o.get("data", {}).get("text/plain", "") and "image/png" not in o["data"]]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert not figures_without_image(notebook)
    assert images(notebook) == IMAGES[path.name]
