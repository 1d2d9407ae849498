"""ClientJournal: an encrypted client journal with a step-aware communication coach."""

__version__ = "0.1.0"
