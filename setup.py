"""Package discovery: every package under tipref/ is found by itself (an explicit list
silently misses a new subpackage), plus tipref.templates, which pyproject.toml maps to the
top-level templates/ folder. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["tipref", "tipref.*"]), "tipref.templates"])
