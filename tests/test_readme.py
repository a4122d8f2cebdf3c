"""Every command in README.md runs as written.

The ```bash blocks are run line by line (a line ending in ``\\`` continues),
each with ``bash -c`` after ``source .venv/bin/activate``; the ```python
blocks are run as scripts with the environment's ``python``. All run in
document order, in a copy of the repository's tracked files (so later
examples can use what earlier ones wrote, as a reader's shell would), and
must exit 0, or with the code the README states in the command's comment
("exits with 1"). They may write only into ``out/``, which git ignores.

Commands that cannot run inside a test are listed in ``SKIPPED`` with the
reason; a command that is neither run nor listed fails the test, and so does
a complete command written inline in the prose (move it into a block, or list
it in ``INLINE_REFERENCES``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import REPO

README = REPO / "README.md"

#: Commands (their text up to any comment) that are not run here, and why.
SKIPPED = {
    "make figures": "sets up .venv and rewrites the tracked figures/; its command, `framing figures`, is run "
                    "below into out/figures, and tests/test_paper.py checks the figures",
    "make test": "runs the whole test suite, this test included",
    "make lab": "starts a JupyterLab server that runs until stopped; `make test-browser` (tests/test_browser.py) "
                "starts it and runs every notebook in it",
    "git clone <this repository> framing && cd framing": "needs the repository's address and the network",
    "framing score out/shards/ --study corpus/study.yaml -o out/scores.parquet --engine dask "
    "--scheduler tcp://scheduler:8786": "needs a Dask scheduler running at that address; the local-cluster "
                                        "command after it runs the same engine",
}

#: Inline code in the prose that names a command without being one to paste (or is in SKIPPED's spirit).
INLINE_REFERENCES = {
    "framing COMMAND --help": "COMMAND is a placeholder",
    "make setup": "creates .venv and installs framing; these tests run in the environment it made",
    "make test-fast": "runs the test suite without the slow tests; these tests run in `make test`",
    "make bench": "about fifty minutes; bench/ is not part of the tests",
    "make test-browser": "needs Chromium; .ci/run runs it after `make test`",
    "conda env create -f environment.yml": "needs conda and the network; tests/test_packaging.py checks that "
                                           "environment.yml lists the same dependencies as pyproject.toml",
    "pip install -e '.[dask]'": "`make setup` installs the dask extra, which the Dask examples here run on",
    "git status": "named, not to paste: the browser test checks it",
    "framing train corpus/ --gold corpus/annotations/gold.csv --select --splits dev,test -o final.skops":
        "model selection over the whole grid takes minutes; tests/test_classify.py runs --select on a small grid",
}

#: Words that start a command.
_COMMAND_WORDS = ("framing ", "make ", "pip ", "python ", "conda ", "git ", "jupyter ", "source ", "cd ")

_FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w-]*)\s*$")
_EXITS = re.compile(r"#.*\bexits with (\d+)\b")


@dataclass
class Step:
    """One command or script of the README, and how it went."""
    kind: str  # "bash" or "python"
    text: str
    line: int
    expected: int = 0
    skipped: str | None = None
    result: subprocess.CompletedProcess | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        first = self.text.strip().splitlines()[0]
        return f"L{self.line}:{first[:60]}"


def _strip_comment(line: str) -> str:
    """A bash line without its trailing comment (no '#' in the README's commands but comments)."""
    return re.split(r"\s+#\s|^#\s", line, maxsplit=1)[0].strip()


def readme_steps(text: str) -> list[Step]:
    """The bash commands and python scripts of a README, in order."""
    steps: list[Step] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        lang, indent, start = fence["lang"], len(fence["indent"]), i + 1
        i += 1
        body: list[tuple[int, str]] = []
        while i < len(lines) and not re.match(r"^ *```\s*$", lines[i]):
            body.append((i + 1, lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i]))
            i += 1
        i += 1
        if lang == "python":
            steps.append(Step("python", "\n".join(line for _, line in body) + "\n", start + 1))
        elif lang == "bash":
            pending: list[str] = []
            first = 0
            for number, line in body:
                if not pending:
                    first = number
                pending.append(line)
                if line.rstrip().endswith("\\"):
                    continue
                command = "\n".join(pending)
                pending = []
                if not _strip_comment(command):
                    continue
                exits = _EXITS.search(command)
                steps.append(Step("bash", command, first, expected=int(exits[1]) if exits else 0,
                                  skipped=SKIPPED.get(_strip_comment(command))))
    return steps


def inline_commands(text: str) -> list[str]:
    """Inline code spans of the prose (outside fences) that start with a command word."""
    prose = re.sub(r"^ *```.*?^ *```", "", text, flags=re.S | re.M)
    spans = [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", prose)]
    return [span for span in spans if span.startswith(_COMMAND_WORDS)]


def _bare_reference(span: str) -> bool:
    """`framing score`, `framing score --method classifier|both`: a command's name and options, no operands."""
    words = span.split()
    if words[0] != "framing" or len(words) < 2:
        return False
    return all(w.startswith("-") or (i > 0 and words[i - 1].startswith("--") and "/" not in w and "." not in w)
               for i, w in enumerate(words[2:], start=2))


STEPS = readme_steps(README.read_text(encoding="utf-8"))


def _tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        pytest.skip("needs git to copy the tracked files")
    return [name for name in out.decode().split("\0") if name]


def _activate_script(copy: Path) -> None:
    """``.venv`` in the copy: the environment running the tests (its own activate script when it is a venv)."""
    prefix = Path(sys.prefix)
    if (prefix / "bin" / "activate").is_file():
        (copy / ".venv").symlink_to(prefix, target_is_directory=True)
        return
    bin_dir = copy / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "activate").write_text(f'export PATH="{Path(sys.executable).parent}:$PATH"\n')


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    """Copy the tracked files, run every step in order; return the copy and the files it started with."""
    copy = tmp_path_factory.mktemp("readme") / "framing"
    tracked = _tracked_files()
    for name in tracked:
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, target)
    _activate_script(copy)
    scripts = tmp_path_factory.mktemp("readme-scripts")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    for number, step in enumerate(STEPS):
        if step.skipped:
            continue
        if step.kind == "bash":
            script = f"source .venv/bin/activate\n{step.text}\n"
        else:
            path = scripts / f"block_{number}.py"
            path.write_text(step.text, encoding="utf-8")
            script = f"source .venv/bin/activate\npython {path}\n"
        step.result = subprocess.run(["bash", "-c", script], cwd=copy, env=env, capture_output=True, text=True,
                                     timeout=600, stdin=subprocess.DEVNULL)
    before = {*tracked, ".venv"}
    return copy, before


def test_the_readme_has_commands_and_python_to_run():
    kinds = {step.kind for step in STEPS if not step.skipped}
    assert kinds == {"bash", "python"}
    assert sum(not step.skipped for step in STEPS) >= 20
    assert "source .venv/bin/activate" in [step.text.strip() for step in STEPS]


def test_every_skipped_command_is_still_in_the_readme():
    found = {_strip_comment(step.text) for step in STEPS if step.kind == "bash"}
    assert set(SKIPPED) <= found, f"stale entries in SKIPPED: {set(SKIPPED) - found}"


def test_a_documented_failure_is_checked():
    failing = [step for step in STEPS if step.expected]
    assert failing and all("validate" in step.text for step in failing)


def test_no_complete_command_is_hidden_in_the_prose():
    text = README.read_text(encoding="utf-8")
    in_blocks = {" ".join(_strip_comment(step.text).split()) for step in STEPS}
    hidden = [span for span in inline_commands(text)
              if span not in in_blocks and span not in INLINE_REFERENCES and span not in SKIPPED
              and not _bare_reference(span)]
    assert not hidden, f"commands in the prose that no test runs (put them in a ```bash block): {hidden}"


@pytest.mark.slow
@pytest.mark.parametrize("step", [s for s in STEPS if not s.skipped], ids=lambda s: s.id)
def test_readme_step_runs_as_written(ran, step):
    result = step.result
    assert result is not None
    assert result.returncode == step.expected, (
        f"README line {step.line}: {step.text.strip()}\nexit {result.returncode}, expected {step.expected}\n"
        f"--- stdout\n{result.stdout[-3000:]}\n--- stderr\n{result.stderr[-3000:]}")
    if step.expected:  # fails for the reason the README gives
        reason = step.text.split(f"exits with {step.expected}:", 1)[1].strip()
        assert "no language" in reason and "no language" in result.stdout


@pytest.mark.slow
def test_the_examples_write_only_into_out(ran):
    copy, before = ran
    written = sorted(str(p.relative_to(copy)) for p in copy.rglob("*")
                     if p.is_file() and not p.is_symlink() and ".venv" not in p.relative_to(copy).parts
                     and str(p.relative_to(copy)) not in before)
    outside = [name for name in written if not name.startswith("out/") and "__pycache__" not in name]
    assert written and not outside, f"README examples wrote outside out/: {outside}"
    assert {"out/scores.csv", "out/model.skops", "out/figures/MANIFEST.json", "out/tiny/MANIFEST.json",
            "out/my-scores.csv", "out/scores.parquet"} <= set(written)
    ignored = subprocess.run(["git", "check-ignore", "-q", "out/scores.csv"], cwd=REPO)
    assert ignored.returncode == 0, "out/ must be in .gitignore"
