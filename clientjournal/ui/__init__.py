"""The Qt layer of ClientJournal: windows, dialogs, item models. No SQL and no cryptography here."""
