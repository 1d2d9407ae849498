"""``clientjournal-cli``: the headless face of ClientJournal. Imports no Qt."""

from clientjournal.cli.main import main

__all__ = ["main"]
