"""Word documents from the records: templates, rendering, PDF; one module per kind."""
