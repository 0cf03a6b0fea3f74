"""What sharing a book through a folder leaves behind, found and mended (doctor)."""
