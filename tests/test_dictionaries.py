"""Tests of framing.dictionaries: the five dictionary formats, their round trips and odd cases."""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import pytest
import yaml

from framing.cli.imports import register
from framing.dictionaries import DICTIONARY_FORMATS, read_dictionary, write_dictionary
from framing.errors import DictionaryError

DATA = Path(__file__).parent / "data" / "dictionaries"

#: Nested categories, a multi-word entry, globs, Cyrillic and accented entries.
SAMPLE = {
    "conflict.violence": ["war crime*", "bomb*", "*shelling"],
    "conflict.blame": ["accus*", "fell out of the program"],
    "diplomacy": ["snub*", "négociation*", "переговор*", "Außenminister"],
    "empty": [],
}

EXTENSIONS = [".yml", ".yaml", ".dic", ".dicx", ".lc3", ".cat"]


@pytest.mark.parametrize("suffix", EXTENSIONS)
def test_round_trip_keeps_categories_and_entries(tmp_path: Path, suffix: str) -> None:
    written = write_dictionary(SAMPLE, tmp_path / f"d{suffix}")
    back = read_dictionary(written)
    assert list(back) == list(SAMPLE)
    assert back == SAMPLE


def test_round_trip_of_a_shared_term_keeps_both_categories(tmp_path: Path) -> None:
    shared = {"kremlin": ["snub*", "veto"], "france": ["veto", "protest*"]}
    for suffix in (".dic", ".dicx"):
        back = read_dictionary(write_dictionary(shared, tmp_path / f"s{suffix}"))
        assert back == shared


def test_formats_table_lists_every_extension() -> None:
    assert sorted(e for exts in DICTIONARY_FORMATS.values() for e in exts) == sorted(EXTENSIONS)


def test_quanteda_yaml_nested_three_deep() -> None:
    d = read_dictionary(DATA / "frames.yml")
    assert list(d) == ["conflict.violence.physical", "conflict.violence.verbal", "conflict.blame", "diplomacy"]
    assert d["conflict.violence.physical"] == ["war crime*", "bomb*"]
    assert d["conflict.violence.verbal"] == ["threat*"]  # a single string is a one-entry list
    assert d["diplomacy"] == ["snub*", "négociation*", "переговор*"]


def test_yaml_writer_nests_dotted_names(tmp_path: Path) -> None:
    path = write_dictionary({"a.b.c": ["x y"], "a.d": ["z*"]}, tmp_path / "n.yml")
    assert path.read_text(encoding="utf-8") == "a:\n  b:\n    c:\n    - x y\n  d:\n  - z*\n"


def test_yaml_parent_entries_under_the_empty_key_round_trip(tmp_path: Path) -> None:
    d = read_dictionary(DATA / "parent_entries.yml")
    assert d == {"harbour": ["dock*", "quay"], "harbour.strike": ["walkout*"], "harbour.strike.pay": ["wage*"],
                 "ferry": ["crossing*"]}  # fmt: skip
    assert list(d) == ["harbour", "harbour.strike", "harbour.strike.pay", "ferry"]
    for suffix in (".yml", ".cat", ".dic", ".dicx", ".lc3"):
        back = read_dictionary(write_dictionary(d, tmp_path / f"p{suffix}"))
        assert back == d and list(back) == list(d), suffix
    text = write_dictionary({"a": ["x"], "a.b": ["y"]}, tmp_path / "n.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == {"a": {"": ["x"], "b": ["y"]}}  # the layout quanteda writes and reads


def test_yaml_unquoted_boolean_entry_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "bool.yml"
    path.write_text("answers:\n  - yes\n  - maybe\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"answers.*True.*Quote the entry"):
        read_dictionary(path)


def test_liwc_dic_tabs_spaces_leading_zeros_and_conditionals() -> None:
    with pytest.warns(UserWarning) as caught:
        d = read_dictionary(DATA / "frames.dic")
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "skipped 2 LIWC2007 conditional" in message
    assert "'like' (line 10)" in message and "'kind' (line 11)" in message
    assert d == {
        "violence": ["war crime*", "bomb*"],
        "diplomacy": ["snub*", "fell out of the program", "négociation*"],
        "blame": ["bomb*", "fell out of the program"],
    }


def test_liwc_dic_undeclared_category_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.dic"
    path.write_text("%\n1\twar\n%\nbomb*\t1\nsnub*\t7\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"bad\.dic, line 5: the term 'snub\*' refers to category 7.*declared: 1"):
        read_dictionary(path)


def test_liwc_dic_term_without_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.dic"
    path.write_text("%\n1\twar\n%\nbomb*\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"line 4: the term 'bomb\*' has no category numbers"):
        read_dictionary(path)


def test_liwc_dic_must_open_with_percent(tmp_path: Path) -> None:
    path = tmp_path / "bad.dic"
    path.write_text("1\twar\nbomb*\t1\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"line 1: expected '%'"):
        read_dictionary(path)


def test_liwc_dic_windows_1252_falls_back_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.dic"
    path.write_bytes("%\n1\tdiplomatie\n%\nnégociation*\t1\ndémenti\t1\n".encode("cp1252"))
    with pytest.warns(UserWarning, match="not valid UTF-8; read it as Windows-1252"):
        d = read_dictionary(path)
    assert d == {"diplomatie": ["négociation*", "démenti"]}


def test_liwc_dic_utf8_with_bom_reads_without_warning(tmp_path: Path) -> None:
    path = tmp_path / "bom.dic"
    path.write_bytes("%\n1\tдипломатия\n%\nпереговор*\t1\n".encode("utf-8-sig"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_dictionary(path) == {"дипломатия": ["переговор*"]}


def test_explicit_encoding_is_used(tmp_path: Path) -> None:
    path = tmp_path / "latin.lc3"
    path.write_bytes("+fr\ndémenti\n".encode("latin-1"))
    assert read_dictionary(path, encoding="latin-1") == {"fr": ["démenti"]}


def test_dicx_blank_and_whitespace_cells_are_not_members() -> None:
    d = read_dictionary(DATA / "frames.dicx")
    assert d == {
        "violence": ["war crime*", "bomb*"],
        "diplomacy": ["snub*"],
        "blame": ["accus*"],
    }


def test_dicx_needs_dicterm_header(tmp_path: Path) -> None:
    path = tmp_path / "bad.dicx"
    path.write_text("Term,war\nbomb*,X\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="starting with 'DicTerm'"):
        read_dictionary(path)


def test_dicx_writer_marks_with_x(tmp_path: Path) -> None:
    path = write_dictionary({"a": ["x", "y z"], "b": ["y z"]}, tmp_path / "m.dicx")
    assert path.read_text(encoding="utf-8") == "DicTerm,a,b\nx,X,\ny z,X,X\n"


def test_lexicoder_blank_lines_ignored() -> None:
    d = read_dictionary(DATA / "frames.lc3")
    assert d == {"violence": ["war crime*", "bomb*"], "diplomacy": ["snub*", "fell out of the program"]}


def test_lexicoder_entry_before_category(tmp_path: Path) -> None:
    path = tmp_path / "bad.lc3"
    path.write_text("bomb*\n+war\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"line 1: entry 'bomb\*' comes before any category"):
        read_dictionary(path)


def test_wordstat_weights_nesting_and_underscores() -> None:
    d = read_dictionary(DATA / "frames.cat")
    assert d == {
        "CONFLICT.VIOLENCE": ["WAR CRIME*", "BOMB*"],
        "CONFLICT.BLAME": ["ACCUS*", "FELL OUT OF THE PROGRAM"],
        "DIPLOMACY": ["SNUB*", "NÉGOCIATION*"],
    }


def test_wordstat_indented_with_spaces(tmp_path: Path) -> None:
    path = tmp_path / "spaces.cat"
    path.write_text("WAR\n    SHELLS\n        SHELL* (1)\n    STRIKE* (1)\n", encoding="utf-8")
    assert read_dictionary(path) == {"WAR.SHELLS": ["SHELL*"], "WAR": ["STRIKE*"]}


def test_wordstat_writer_uses_tabs_underscores_and_weights(tmp_path: Path) -> None:
    path = write_dictionary({"A.B": ["war crime*"], "C": ["snub"]}, tmp_path / "w.cat")
    assert path.read_text(encoding="utf-8") == "A\n\tB\n\t\twar_crime* (1)\nC\n\tsnub (1)\n"


def test_wordstat_entry_without_category(tmp_path: Path) -> None:
    path = tmp_path / "bad.cat"
    path.write_text("BOMB* (1)\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="line 1: the entry 'BOMB\\* \\(1\\)' is not indented"):
        read_dictionary(path)


def test_unknown_extension_lists_supported(tmp_path: Path) -> None:
    path = tmp_path / "frames.txt"
    path.write_text("war\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"'\.txt' is not supported.*\.yml, \.yaml, \.dic, \.dicx, \.lc3, \.cat"):
        read_dictionary(path)


def test_format_argument_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "frames.txt"
    path.write_text("+war\nbomb*\n", encoding="utf-8")
    assert read_dictionary(path, format="lc3") == {"war": ["bomb*"]}


@pytest.mark.parametrize("suffix", EXTENSIONS)
def test_empty_file_is_an_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_text("", encoding="utf-8")
    with pytest.raises(DictionaryError, match="holds no category"):
        read_dictionary(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="Cannot read dictionary"):
        read_dictionary(tmp_path / "nope.dic")


def test_writer_rejects_non_list_entries(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="Category 'war' maps to str; expected a list"):
        write_dictionary({"war": "bomb*"}, tmp_path / "x.dic")


def _cli(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="framing")
    register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_import_dictionary_converts_by_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "frames.yml"
    args = _cli(["import-dictionary", str(DATA / "frames.cat"), "-o", str(out)])
    assert args.func(args) == 0
    assert "3 categories, 6 entries" in capsys.readouterr().out
    assert read_dictionary(out) == read_dictionary(DATA / "frames.cat")


def test_cli_import_dictionary_unknown_output(tmp_path: Path) -> None:
    args = _cli(["import-dictionary", str(DATA / "frames.lc3"), "-o", str(tmp_path / "frames.json")])
    with pytest.raises(DictionaryError, match=r"'\.json' is not supported"):
        args.func(args)


# --------------------------------------------------------------------------- edge cases of real files

ROUND_TRIP = {
    "harbour": ["dock*", "quay"],
    "harbour.strike": ["walkout*", "picket line", "quay"],
    "harbour.strike.pay": ["wage*"],
    "ferry": ["crossing*", "dock*", "Überfahrt", "переправа"],
    "tides": [],
    "weather": ["quay", "gale*", "dock*"],  # shared terms in an order that conflicts with the others
}


@pytest.mark.parametrize("suffix", EXTENSIONS)
def test_read_of_write_is_the_dictionary_in_order(tmp_path: Path, suffix: str) -> None:
    back = read_dictionary(write_dictionary(ROUND_TRIP, tmp_path / f"r{suffix}"))
    assert back == ROUND_TRIP
    assert list(back) == list(ROUND_TRIP)


def test_dic_writing_keeps_the_term_order_of_a_liwc_file(tmp_path: Path) -> None:
    source = tmp_path / "liwc.dic"
    source.write_text("%\n1\tcalm\n2\tstorm\n%\nbreeze\t1\ngale*\t2\nsquall\t1\t2\n", encoding="utf-8")
    d = read_dictionary(source)
    assert d == {"calm": ["breeze", "squall"], "storm": ["gale*", "squall"]}
    assert write_dictionary(d, tmp_path / "out.dic").read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    assert write_dictionary(d, tmp_path / "out.dicx").read_text(encoding="utf-8") == (
        "DicTerm,calm,storm\nbreeze,X,\ngale*,,X\nsquall,X,X\n"
    )


def test_wordstat_spaces_then_a_tab_read_as_quanteda_does() -> None:
    # Every indented line starts with two spaces, then tabs: quanteda counts a tab as two columns.
    d = read_dictionary(DATA / "spaces_tab.cat")
    assert d == {"HARBOUR.STRIKE": ["WALKOUT*", "PICKET LINE"], "HARBOUR.TRADE": ["CARGO*"], "FERRY": ["CROSSING*"]}
    assert list(d) == ["HARBOUR.STRIKE", "HARBOUR.TRADE", "FERRY"]


def test_wordstat_line_without_a_weight_is_an_entry(tmp_path: Path) -> None:
    path = tmp_path / "mixed.cat"
    path.write_text("HARBOUR\n\tDOCK* (1)\n\tQUAY\nFERRY\n\tSTRIKE\n\t\tWALKOUT* (2)\n\tIDLE\n", encoding="utf-8")
    # QUAY has no weight and nothing under it, among entries: an entry. IDLE is among
    # subcategories only: an empty subcategory.
    assert read_dictionary(path) == {"HARBOUR": ["DOCK*", "QUAY"], "FERRY.STRIKE": ["WALKOUT*"], "FERRY.IDLE": []}


def test_wordstat_writer_refuses_an_empty_subcategory_it_cannot_mark(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match=r"category 'a\.b' would read back as nothing instead of \[\]"):
        write_dictionary({"a.b": []}, tmp_path / "x.cat")
    assert not (tmp_path / "x.cat").exists()


def test_lexicoder_category_colour_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "coloured.lc3"
    path.write_text("+negative#AA0000\ngloom*\n+positive #00aa00\ncheer*\n", encoding="utf-8")
    assert read_dictionary(path) == {"negative": ["gloom*"], "positive": ["cheer*"]}


@pytest.mark.parametrize("forced", ["cat", "lc3", "yaml", "dicx"])
def test_forced_format_that_does_not_parse_is_rejected(forced: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DictionaryError, match=r"forced.*extension says LIWC \.dic.*--from-format"):
            read_dictionary(DATA / "frames.dic", format=forced)


def test_cli_forced_format_error_names_the_flag(tmp_path: Path) -> None:
    args = _cli(["import-dictionary", str(DATA / "frames.dic"), "--from-format", "cat", "-o", str(tmp_path / "x.yml")])
    with pytest.raises(DictionaryError, match=r"does not parse as WordStat \.cat: it gives \d+ categories and not one entry"):
        args.func(args)
    assert not (tmp_path / "x.yml").exists()


def test_cli_dictionary_errors_name_the_flags(tmp_path: Path) -> None:
    path = tmp_path / "legacy.lc3"
    path.write_bytes("+fr\ndémenti\n".encode("latin-1"))
    args = _cli(["import-dictionary", str(path), "--encoding", "utf-8", "-o", str(tmp_path / "x.yml")])
    with pytest.raises(DictionaryError, match=r"--encoding on the command line, encoding= in Python"):
        args.func(args)
    with pytest.raises(DictionaryError, match=r"--to-format on the command line"):
        write_dictionary({"a": ["x"]}, tmp_path / "x.txt")

