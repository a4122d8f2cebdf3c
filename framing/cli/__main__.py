"""``python -m framing.cli``: run the ``framing`` command."""

import sys

from . import main

sys.exit(main())
