"""Progress bars on long steps: shown in an interactive session, quiet in scripts, pipes and tests.

:func:`progress` wraps an iterable in a ``tqdm.auto`` bar (a widget in
JupyterLab when ipywidgets is installed, text otherwise) or returns it
unchanged. ``enable=None`` decides by the session: a Jupyter kernel or a
terminal shows bars; a pipe, a log file or a pytest run does not. The
environment variable ``FRAMING_PROGRESS`` (``0`` or ``1``) overrides.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterable
from typing import Any, TypeVar

__all__ = ["progress", "interactive"]

T = TypeVar("T")


def interactive() -> bool:
    """Whether progress bars are wanted: ``FRAMING_PROGRESS``, else a kernel or a terminal, never under pytest."""
    setting = os.environ.get("FRAMING_PROGRESS", "").strip()
    if setting in {"0", "1"}:
        return setting == "1"
    if "PYTEST_CURRENT_TEST" in os.environ:
        return False
    if "ipykernel" in sys.modules:
        return True
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def progress(iterable: Iterable[T], *, desc: str = "", total: int | None = None,
             enable: bool | None = None, **kwargs: Any) -> Iterable[T]:
    """``iterable`` with a progress bar when :func:`interactive` (or ``enable``) says so.

    Examples
    --------
    >>> list(progress(range(3), desc="folds", enable=False))
    [0, 1, 2]
    """
    if not (interactive() if enable is None else enable):
        return iterable
    if "ipykernel" in sys.modules and importlib.util.find_spec("ipywidgets") is not None:
        from tqdm.auto import tqdm
    else:  # text bar: tqdm.auto would warn that the widget is missing
        from tqdm.std import tqdm
    return tqdm(iterable, desc=desc, total=total, leave=False, **kwargs)
