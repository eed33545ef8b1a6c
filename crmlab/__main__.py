"""``python -m crmlab ...`` runs the ``crmlab`` command (see :mod:`crmlab.cli`)."""

import sys

from crmlab.cli import main

if __name__ == "__main__":
    sys.exit(main())
