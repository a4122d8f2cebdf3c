"""The conda environment lists the same dependencies as pyproject.toml."""

import re
import tomllib

import yaml

from conftest import REPO


def names(requirements):
    return {re.split(r"[\[<>=!~ ]", r, maxsplit=1)[0].strip().lower() for r in requirements}


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted |= names(extra)
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    listed = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            listed |= names(d for d in dep["pip"] if not d.startswith("-e"))
        else:
            listed |= names([dep])
    listed -= {"python", "pip"}
    assert listed == wanted


def test_ci_runs_the_readme_test_command():
    assert "make test" in (REPO / ".ci" / "run").read_text()
    readme = (REPO / "README.md").read_text()
    assert readme.index("make figures") < 800 and readme.index("make test") < 800
