"""The ``framing`` command: one sub-module per group of subcommands.

Each module has ``register(subparsers)``, which adds its subcommands with a
``func`` that takes the parsed arguments and returns an exit code. Errors in
the input are one clear line on standard error and exit code 2, never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from ..errors import ISSUES_URL, FramingError
from . import corpus, evaluate, figures, imports, quotes, score, train
from .common import package_version

__all__ = ["main", "build_parser"]

_COMMANDS = [corpus, score, quotes, evaluate, figures, imports, train]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``framing`` command."""
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Measure how news coverage frames the competing accounts of a contested event.",
    )
    parser.add_argument("--version", action="version", version=f"framing {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``framing`` command; return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except FramingError as err:
        print(f"framing {args.command}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"framing {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception:
        # Not a problem with the input: a bug in framing. Show it as one.
        traceback.print_exc()
        print(f"framing {args.command}: internal error (a bug in framing, not in your input); please report "
              f"it, with the command and the traceback above, at {ISSUES_URL}.", file=sys.stderr)
        return 3
