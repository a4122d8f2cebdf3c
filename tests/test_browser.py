"""Every notebook in JupyterLab, in a real headless Chromium: run all, images render, save, git stays clean.

Run by ``make test-browser`` (which sets FRAMING_BROWSER_TEST=1 and installs
the ``browser`` extra and Debian's chromium); skipped otherwise. Offline:
JupyterLab listens on localhost only, Chromium is told not to call home, and
Playwright only drives the system's Chromium (``executable_path``).
Screenshots go to browser-screenshots/ (ignored by git).
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(os.environ.get("FRAMING_BROWSER_TEST") != "1",
                                reason="run by make test-browser (FRAMING_BROWSER_TEST=1)")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = REPO / "browser-screenshots"
NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("[0-9]*.py"))
#: Images each notebook renders on the demonstration study (as tests/test_notebooks.py counts them).
IMAGES = {"01": 0, "02": 0, "03": 2, "04": 2, "05": 0, "06": 9}
TOKEN = "framing-browser-test"

# In the page: the notebook JupyterLab shows, its cells and outputs.
_STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.widgets) return null;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const code = panel.content.widgets.filter(c => c.model.type === 'code');
  const outputs = code.flatMap(c => c.model.outputs.toJSON());
  const images = Array.from(panel.node.querySelectorAll('.jp-RenderedImage img'));
  return {
    kernel: kernel ? kernel.status : 'none',
    pending: code.filter(c => c.model.executionCount === null || c.promptNode.textContent.includes('*')).length,
    cells: code.length,
    errors: outputs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue),
    images: images.filter(i => i.complete && i.naturalWidth > 0).length,
    dirty: panel.context.model.dirty,
  };
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def lab():
    port = _free_port()
    home = tempfile.mkdtemp(prefix="framing-lab-")
    env = {**os.environ, "JUPYTERLAB_WORKSPACES_DIR": home, "JUPYTER_RUNTIME_DIR": home}
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={TOKEN}", "--ServerApp.root_dir=notebooks",
               "--LabApp.expose_app_in_browser=True"]
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2) as response:
                json.load(response)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail("JupyterLab did not start in 60 s")
    yield url
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser_context():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="framing-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=ARGS, headless=True, viewport={"width": 1400, "height": 1000})
        yield context
        context.close()


def test_every_notebook_runs_in_jupyterlab_renders_its_images_and_saves_cleanly(lab, browser_context):
    before = _git_status()
    SHOTS.mkdir(exist_ok=True)
    page = browser_context.new_page()
    report, started = [], time.monotonic()
    for name in NOTEBOOKS:
        t0 = time.monotonic()
        page.goto(f"{lab}/lab/tree/{name}?token={TOKEN}&reset")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                               " && window.jupyterapp.shell.currentWidget.sessionContext"
                               " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                               " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                               " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
                               " === 'idle'", timeout=120_000)
        opened = page.evaluate("() => { const p = window.jupyterapp.shell.currentWidget;"
                               " return [p.context.path, p.content.constructor.name, !!p.content.widgets]; }")
        assert opened[0] == name and opened[2], f"{name} did not open as a notebook: {opened}"
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        done = f"() => {{ const s = ({_STATE})(); return s && s.kernel === 'idle' && s.pending === 0; }}"
        page.wait_for_function(done, timeout=240_000, polling=500)
        page.wait_for_timeout(500)  # images decode
        state = page.evaluate(_STATE)
        page.screenshot(path=str(SHOTS / f"{name[:-3]}.png"))
        first = page.locator(".jp-RenderedImage img").first
        if state["images"]:
            first.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"{name[:-3]}-figure.png"))
        page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        page.wait_for_function(f"() => !({_STATE})().dirty", timeout=30_000)
        page.evaluate("async () => { const p = window.jupyterapp.shell.currentWidget;"
                      " await p.sessionContext.shutdown(); p.close(); }")
        seconds = time.monotonic() - t0
        report.append((name, state["images"], seconds))
        print(f"{name}: {state['cells']} code cells, {state['images']} images rendered, {seconds:.1f} s", flush=True)
        assert not state["errors"], f"{name}: {state['errors']}"
        assert state["images"] == IMAGES[name[:2]], f"{name}: {state['images']} images"
    print(f"all notebooks: {time.monotonic() - started:.1f} s", flush=True)
    assert _git_status() == before, "running and saving the notebooks changed the repository"
    assert not list((REPO / "notebooks").glob("*.ipynb")), "saving wrote an .ipynb beside the .py"
