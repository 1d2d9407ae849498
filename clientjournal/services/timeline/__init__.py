"""The timeline: an in-memory, searchable index of decrypted entries, and the paged loading that fills it."""
