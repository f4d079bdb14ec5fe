"""``python -m graphbuild`` is the ``graphbuild`` command."""

import sys

from .cli import main

sys.exit(main())
