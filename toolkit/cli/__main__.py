"""``python -m toolkit.cli``: the same as the ``smlab`` console script."""

from toolkit.cli import main

raise SystemExit(main())
