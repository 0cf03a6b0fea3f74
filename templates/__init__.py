"""Default Word templates, shipped inside the package as tipref.templates."""
