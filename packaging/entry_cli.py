"""Frozen entry point of ``clientjournal-cli``; its bundle carries no Qt (see clientjournal.spec)."""

import sys

from clientjournal.cli import main

if __name__ == "__main__":
    sys.exit(main())
