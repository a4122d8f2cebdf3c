from tqdm.std import tqdm

from framing.progress import interactive, progress


def test_progress_is_quiet_under_pytest_and_a_bar_when_asked(monkeypatch, capsys):
    assert not interactive()
    items = [1, 2, 3]
    assert progress(items, desc="x") is items
    bar = progress(items, desc="steps", enable=True)
    assert isinstance(bar, tqdm) and list(bar) == items
    assert "steps" in capsys.readouterr().err
    monkeypatch.setenv("FRAMING_PROGRESS", "1")
    assert interactive()
