"""One module per command group; each exposes ``register(cli)``.

Modules are loaded in name order, so a module that adds verbs to another's group (e.g.
``case_plan`` adding ``case plan``) is named after that group and loads after it. Heavy
libraries (docx, matplotlib, openpyxl, cryptography) are imported inside the commands
that use them, so ``tipref --help`` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil

import click


def register_all(cli: click.Group) -> None:
    names = sorted(
        info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")
    )
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(cli)
