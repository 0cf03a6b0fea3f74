"""Reports, exports, imports, HTCDS and reading spreadsheets."""
