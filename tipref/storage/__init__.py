"""The case book's storage: one JSON file per record in a shared folder (DESIGN.md §2)."""
