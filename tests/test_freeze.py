"""The rules the blind test split was written against have not changed since their freeze."""

import hashlib
import re

from conftest import REPO

FREEZE = REPO / "corpus" / "blind" / "FREEZE.md"


def test_frozen_rule_files_are_unchanged():
    frozen = re.findall(r"^([0-9a-f]{64})  (\S+)$", FREEZE.read_text(encoding="utf-8"), flags=re.M)
    assert len(frozen) >= 7  # three lexicons, three cue lists, the furniture cues
    changed = [path for digest, path in frozen
               if hashlib.sha256((REPO / path).read_bytes()).hexdigest() != digest]
    assert not changed, (f"{', '.join(changed)} changed after the freeze recorded in {FREEZE.name}: "
                         "re-freeze (new hashes, a commit that says so) and write a new blind split.")
