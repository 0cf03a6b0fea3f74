"""The case book API: open a book, read and write its records typed by model."""
