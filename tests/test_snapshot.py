"""The pipeline's tables are the same as when tests/data/snapshot.json was saved (see tests/snapshot.py).

A refactoring must not change an output; a bug fix that does regenerates the
snapshot in its own commit and says which fingerprint changed and why.
"""

import json

import pytest

from snapshot import SNAPSHOT, VARIANTS, fingerprints

SAVED = json.loads(SNAPSHOT.read_text())


@pytest.mark.parametrize("variant", VARIANTS)
def test_tables_match_the_snapshot(variant):
    if variant == "dask":
        pytest.importorskip("dask.dataframe")
    got = fingerprints(variant, SAVED[variant])
    assert {t: f["rows"] for t, f in got.items()} == {t: f["rows"] for t, f in SAVED[variant].items()}
    assert got == SAVED[variant]
