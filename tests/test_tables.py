"""Tests of framing.tables: the one writer (atomic, never over an input) and the strict CSV reader."""

import errno
import os
import shutil

import pandas as pd
import pytest

from framing.cli import main
from framing.errors import CorpusError, FormatError
from framing.tables import check_outputs, csv_header, csv_rows, write_file, write_table

from conftest import CORPUS, REPO

TABLE = pd.DataFrame({"doc_id": ["a", "b"], "value": [1, 2]})
DICTIONARY = REPO / "tests" / "data" / "dictionaries" / "frames.dic"
MEDIACLOUD = REPO / "tests" / "data" / "exports" / "mediacloud.csv"


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# -- outputs --------------------------------------------------------------------

def test_an_output_that_is_an_input_by_another_name_is_refused(tmp_path):
    source = tmp_path / "corpus.csv"
    TABLE.to_csv(source, index=False)
    link = tmp_path / "same.csv"
    os.link(source, link)  # one inode, two names: the resolved paths differ
    with pytest.raises(FormatError, match=r"Refusing to write .*same.csv: it is one of this run's inputs"):
        write_table(TABLE.head(1), link, inputs=[source])
    assert pd.read_csv(source)["doc_id"].tolist() == ["a", "b"]
    with pytest.raises(FormatError, match="one of this run's inputs"):
        write_file("x\n", link, inputs=[source])


def test_two_outputs_naming_one_file_are_refused_by_path_or_inode(tmp_path):
    with pytest.raises(FormatError, match=r"^-o and --hits both name .*out.csv; one would overwrite the other"):
        check_outputs({"-o": tmp_path / "out.csv", "--hits": tmp_path / "." / "out.csv"})
    (tmp_path / "out.csv").write_text("x\n", encoding="utf-8")
    os.link(tmp_path / "out.csv", tmp_path / "alias.csv")
    with pytest.raises(FormatError, match=r"^-o and --rejected both name .*alias.csv"):
        check_outputs({"-o": tmp_path / "out.csv", "--hits": None, "--rejected": tmp_path / "alias.csv"})
    check_outputs({"-o": tmp_path / "out.csv", "--hits": tmp_path / "hits.csv", "--rejected": None})


def test_a_missing_folder_is_named_not_the_hidden_part_file(tmp_path):
    target = tmp_path / "nodir" / "x.csv"
    with pytest.raises(FormatError, match=r"Cannot write .*x.csv: the folder .*nodir does not exist. "
                                          r"Create it first \(mkdir -p .*nodir\)"):
        write_table(TABLE, target)
    with pytest.raises(FormatError, match=r"the folder .*nodir does not exist"):
        write_file("text\n", target)
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(FormatError, match=r"Cannot write .*out.csv: it is a folder"):
        write_table(TABLE, tmp_path / "out.csv")


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk holding .* is full"),
                                         (errno.EACCES, "no permission to write in the folder")])
def test_a_full_disk_keeps_the_previous_file_and_leaves_no_part_file(tmp_path, monkeypatch, code, words):
    target = tmp_path / "scores.csv"
    write_table(TABLE, target)
    before = target.read_bytes()

    def fail(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("framing.tables.os.fsync", fail)
    with pytest.raises(FormatError, match=rf"Cannot write .*scores.csv: {words}.*The previous scores.csv, if any, "
                                          "is unchanged"):
        write_table(TABLE.head(1), target)
    with pytest.raises(FormatError, match=words):
        write_file("new\n", target)
    assert target.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_an_error_outside_the_writer_is_not_called_a_write_error(tmp_path):
    from framing.tables import table_writer

    with pytest.raises(FileNotFoundError):
        with table_writer(tmp_path / "out.csv") as write:
            write(TABLE)
            open(tmp_path / "missing-input.csv", encoding="utf-8")
    assert leftovers(tmp_path) == [] and not (tmp_path / "out.csv").exists()


# -- every command's outputs go through the one writer ----------------------------

def test_score_refuses_one_file_for_two_outputs_before_reading_anything(tmp_path, capsys):
    study = str(CORPUS / "study.yaml")
    out = tmp_path / "scores.csv"
    assert main(["score", str(CORPUS), "--study", study, "-o", str(out), "--hits", str(out)]) == 2
    assert "-o and --hits both name" in capsys.readouterr().err
    assert main(["score", str(CORPUS), "--study", study, "-o", str(out), "--rejected", str(out)]) == 2
    assert "-o and --rejected both name" in capsys.readouterr().err
    assert main(["score", str(CORPUS), "--study", study, "-o", str(tmp_path / "nodir" / "s.csv")]) == 2
    assert "nodir does not exist" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.filterwarnings("ignore:.*conditional line")
def test_import_dictionary_never_replaces_its_input(tmp_path, capsys):
    source = tmp_path / "frames.dic"
    shutil.copy(DICTIONARY, source)
    before = source.read_bytes()
    assert main(["import-dictionary", str(source), "-o", str(source)]) == 2
    assert "it is one of this run's inputs" in capsys.readouterr().err
    os.link(source, tmp_path / "copy.dic")
    assert main(["import-dictionary", str(source), "-o", str(tmp_path / "copy.dic")]) == 2
    assert source.read_bytes() == before
    assert main(["import-dictionary", str(source), "-o", str(tmp_path / "frames.yml")]) == 0
    assert leftovers(tmp_path) == []


def test_import_corpus_refuses_rejected_equal_to_output(tmp_path, capsys):
    out = tmp_path / "corpus.csv"
    assert main(["import-corpus", str(MEDIACLOUD), "-o", str(out), "--rejected", str(out)]) == 2
    assert "-o and --rejected both name" in capsys.readouterr().err
    assert not out.exists()


def test_import_annotations_refuses_spans_equal_to_output(tmp_path, capsys):
    out = tmp_path / "gold.csv"
    source = next((REPO / "tests" / "data" / "annotations").iterdir())
    assert main(["import-annotations", str(source), "-o", str(out), "--spans", str(out)]) == 2
    assert "-o and --spans both name" in capsys.readouterr().err


def test_validate_names_the_missing_folder_of_its_report(tmp_path, capsys):
    target = tmp_path / "nodir" / "rejected.csv"
    assert main(["validate", str(CORPUS), "--rejected", str(target)]) == 2
    err = capsys.readouterr().err
    assert "the folder" in err and "nodir does not exist" in err and ".part" not in err


# -- the strict CSV reader -----------------------------------------------------------

def test_csv_rows_give_the_row_and_the_line_each_record_starts_on(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes('\ufeffdoc_id,text\r\na,"two\r\nlines"\r\n\r\nb,one\r\nc,x,y\r\n'.encode("utf-8"))
    assert csv_header(path) == ["doc_id", "text"]
    assert list(csv_rows(path)) == [
        (2, 2, {"doc_id": "a", "text": "two\r\nlines"}, None),
        (3, 5, {"doc_id": "b", "text": "one"}, None),
        (4, 6, None, "line 6 has 3 field(s) but the header has 2; the columns would shift "
                     "(an unquoted comma or quote in a field?)"),
    ]


def test_csv_decoding_errors_name_the_real_line_even_far_into_the_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"doc_id,text\n" + b"a,plain text\n" * 5000 + b"b,caf\xe9\n")
    with pytest.raises(CorpusError, match=r"t.csv: not utf-8: byte 0xe9 at line 5002"):
        list(csv_rows(path, error=CorpusError))


@pytest.mark.parametrize("name", ["write_label_studio", "write_doccano"])
def test_annotation_tasks_are_written_by_the_one_writer(tmp_path, monkeypatch, name):
    import framing.annotations as annotations

    write = getattr(annotations, name)
    tasks = [{"id": 1, "data": {"text": "Putin called off the visit."}}]
    with pytest.raises(FormatError, match=r"the folder .*nodir does not exist"):
        write(tasks, tmp_path / "nodir" / "tasks.json")
    target = write(tasks, tmp_path / "tasks.json")
    before = target.read_bytes()
    monkeypatch.setattr("framing.tables.os.fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(FormatError, match="the disk holding .* is full"):
        write(tasks * 2, target)
    assert target.read_bytes() == before and leftovers(tmp_path) == []
