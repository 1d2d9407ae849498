"""Frozen entry point of the desktop app ``clientjournal`` (PyInstaller runs this as ``__main__``)."""

import sys

from clientjournal.app import main

if __name__ == "__main__":
    sys.exit(main())
