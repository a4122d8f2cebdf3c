"""The package's rooms and their order: no upward import, no private import, no module over 800 lines.

Every import in framing/ (at the top of a module or inside a function) must
go to a module of the same or a lower layer, and must not take a private
name (``_name``) from another module. Computation never imports
presentation: figures, display and the paper sit above everything that
computes.
"""

import ast

import pytest

from conftest import REPO

PACKAGE = REPO / "framing"

#: Layers, lowest first; a module may import from its own layer and below.
LAYERS = [
    ["errors", "safeyaml", "tables", "version", "intervals", "progress"],
    ["text"],
    ["quotes.marks"],
    ["lexicon", "lexicon.*", "dictionaries", "study", "corpus", "reliability", "annotations", "exports", "exports.*", "models",
     "features"],
    ["quotes.language"],
    ["quotes.speakers"],
    ["quotes.frames"],
    ["quotes.find", "quotes"],
    ["scoring", "voice"],
    ["pipeline"],
    ["stream"],
    ["parallel", "distributed"],
    ["evaluate", "evaluate.*", "concordance"],
    ["classify"],
    ["compare", "figures.base", "figures.*", "figures", "display", "attribution"],
    ["paper"],
    ["cli.common", "cli.*", "cli"],
    ["", "__main__"],  # the package itself: `import framing` gives the public names
]


def layer_of(module):
    for rank, names in enumerate(LAYERS):
        if module in names:
            return rank
    for rank, names in enumerate(LAYERS):
        if any(n.endswith(".*") and module.startswith(n[:-1]) for n in names):
            return rank
    raise AssertionError(f"framing.{module} has no layer in tests/test_layers.py; add it to LAYERS")


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        yield ".".join(parts), path, is_package


def imports(name, path, is_package):
    """``(line, target module, imported names)`` of every framing import in a file."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    if name == "":
        package = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1] if node.level > 1 else package
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.split(".")[0] == "framing":
                target = node.module.partition(".")[2]
            else:
                continue
            names = [a.name for a in node.names]
            for alias in names:  # `from . import corpus` imports a module
                sub = f"{target}.{alias}" if target else alias
                if (PACKAGE / (sub.replace(".", "/") + ".py")).exists() or (PACKAGE / sub.replace(".", "/")).is_dir():
                    yield node.lineno, sub, []
                    names = [n for n in names if n != alias]
            if names or not node.names:
                yield node.lineno, target, names
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "framing":
                    yield node.lineno, alias.name.partition(".")[2], []


MODULES = list(modules())


def test_every_module_has_a_layer():
    for name, _, _ in MODULES:
        layer_of(name)


@pytest.mark.parametrize("name, path, is_package", MODULES, ids=[m[0] or "framing" for m in MODULES])
def test_no_upward_and_no_private_import(name, path, is_package):
    problems = []
    for line, target, names in imports(name, path, is_package):
        if target == name:
            continue
        if layer_of(target) > layer_of(name):
            problems.append(f"line {line}: imports framing.{target} from a higher layer")
        private = [n for n in names if n.startswith("_") and not (n.startswith("__") and n.endswith("__"))]
        if private:
            problems.append(f"line {line}: imports private name(s) {', '.join(private)} of framing.{target}")
    assert not problems, f"framing/{path.relative_to(PACKAGE)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("name, path, is_package", MODULES, ids=[m[0] or "framing" for m in MODULES])
def test_no_module_is_over_800_lines(name, path, is_package):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 800, f"framing/{path.relative_to(PACKAGE)} has {lines} lines; split it by job"


def test_the_layer_test_sees_upward_and_private_imports(tmp_path):
    fake = tmp_path / "scoring.py"
    fake.write_text("from .pipeline import analyse\nfrom .corpus import _clean\n", encoding="utf-8")
    found = list(imports("scoring", fake, False))
    assert [(t, n) for _, t, n in found] == [("pipeline", ["analyse"]), ("corpus", ["_clean"])]
    assert layer_of("pipeline") > layer_of("scoring")
