"""Helpers for ClientJournal's tests: a throwaway PostgreSQL cluster and an in-memory keyring.

Nothing here is shipped with the application; ``tests/conftest.py`` wires these into fixtures.
"""
