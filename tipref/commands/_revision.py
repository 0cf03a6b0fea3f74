"""``--if-revision N`` for every verb that changes a record, for scripts (DESIGN §2.4).

The command refuses, naming the record's current revision, when the record is not at
revision N; nothing is written. The check is made again under the record's lock when
the change is written, so a change saved in between is never overwritten.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from tipref.i18n import N_


def if_revision_option(kind: str, ref_param: str = "ref") -> Callable[[Callable], Callable]:
    def decorate(command: Callable) -> Callable:
        @click.option(
            "--if-revision",
            "if_revision",
            type=click.IntRange(min=0),
            default=None,
            metavar="N",
            help=N_("Change only if the record is still at revision N (for scripts)."),
        )
        @functools.wraps(command)
        def wrapper(*args: Any, if_revision: int | None, **kwargs: Any) -> Any:
            if if_revision is not None:
                from tipref.app import App

                app = click.get_current_context().find_object(App)
                if app is not None:
                    app.book.expect_revision(kind, kwargs[ref_param], if_revision)
            return command(*args, **kwargs)

        return wrapper

    return decorate
