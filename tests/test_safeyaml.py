"""Tests of framing.safeyaml: the one YAML loader refuses aliases, repeated keys and deep nesting."""

import pytest
import yaml

from framing.dictionaries import read_dictionary
from framing.errors import DictionaryError, FramingError, StudyError
from framing.paper import load_figure_plan
from framing.safeyaml import MAX_YAML_DEPTH, load_yaml

#: "Billion laughs": ten lines that a plain YAML loader expands into 9**8 strings when walked.
LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))


def test_plain_yaml_reads_as_safe_load_reads_it():
    text = "name: t\nlanguages: [en, fr]\nsides:\n  k: {account: [k], weight: 1.5}\nwhen: 2016-10-12\n"
    assert load_yaml(text, where="s.yml") == yaml.safe_load(text)
    assert load_yaml(text, where="s.yml", dates=False)["when"] == "2016-10-12"
    assert load_yaml("", where="empty.yml") is None


def test_billion_laughs_is_refused_at_the_first_anchor():
    with pytest.raises(FramingError, match=r"^laughs.yml, line 1: a YAML anchor \(&a\) is not allowed: anchors and "
                                           r"aliases can expand a small file into gigabytes"):
        load_yaml(LAUGHS, where="laughs.yml")


def test_an_alias_without_its_anchor_is_refused_too():
    with pytest.raises(FramingError, match=r"line 2: a YAML alias \(\*x\) is not allowed"):
        load_yaml("a: 1\nb: *x\n", where="f.yml")


@pytest.mark.parametrize("text, line, key, lines", [
    ("a: 1\nb: 2\na: 3\n", 3, "a", "1 and 3"),
    ("top:\n  x: [1]\n  y: 2\n  x: [3]\n", 4, "x", "2 and 4"),
    ("- {k: 1, k: 2}\n", 1, "k", "1 and 1"),
    ("1: a\n1: b\n", 2, 1, "1 and 2"),
])
def test_a_repeated_key_is_refused_naming_the_key_and_both_lines(text, line, key, lines):
    with pytest.raises(StudyError, match=rf"^f.yml, line {line}: the key {key!r} is given twice in one mapping "
                                         rf"\(lines {lines}\); YAML would keep only the last"):
        load_yaml(text, where="f.yml", error=StudyError)


def test_lines_are_counted_as_the_file_shows_them():
    with pytest.raises(FramingError, match=r"line 5: the key 'a' is given twice in one mapping \(lines 4 and 5\)"):
        load_yaml("x: 1\na: 1\na: 2\n", where="front matter", first_line=3)


@pytest.mark.parametrize("text", ["[" * 5000 + "]" * 5000, "{a: " * 5000 + "1" + "}" * 5000,
                                  "".join("  " * i + "k:\n" for i in range(200)) + "  " * 200 + "v\n"])
def test_deep_nesting_is_refused_not_a_recursion_error(text):
    with pytest.raises(FramingError, match=rf"line \d+: nesting deeper than {MAX_YAML_DEPTH} levels"):
        load_yaml(text, where="deep.yml")
    assert load_yaml("[" * MAX_YAML_DEPTH + "]" * MAX_YAML_DEPTH, where="ok.yml") is not None


def test_a_quanteda_dictionary_with_an_alias_is_refused(tmp_path):
    path = tmp_path / "dict.yml"
    path.write_text("snub:\n  - &s Syria\n  - Aleppo\nprogramme:\n  - *s\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"dict.yml, line 2: a YAML anchor \(&s\) is not allowed"):
        read_dictionary(path)


def test_a_quanteda_dictionary_with_a_category_twice_is_refused(tmp_path):
    path = tmp_path / "dict.yml"
    path.write_text("snub:\n  - Syria\nprogramme:\n  - program\nsnub:\n  - Aleppo\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"dict.yml, line 5: the key 'snub' is given twice"):
        read_dictionary(path)


def test_a_figures_file_with_a_figure_twice_is_refused(study, tmp_path):
    path = tmp_path / "figures.yaml"
    path.write_text("figures:\n  balance: {kind: balance}\n  balance: {kind: primacy}\n", encoding="utf-8")
    with pytest.raises(StudyError, match=r"figures.yaml, line 3: the key 'balance' is given twice"):
        load_figure_plan(study, path)
