"""The CLI reference (docs/cli.md), generated from the commands' own --help.

``python -m tipref.clidoc > docs/cli.md`` rewrites it; a test regenerates it and fails
when the checked-in copy has drifted from the code.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

HEADER = """# tipref command reference

Generated from `--help` by `python -m tipref.clidoc > docs/cli.md`; a test checks that
this file matches the code. Do not edit by hand.
"""


def _walk(command: click.Command, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in sorted(command.list_commands(context)):  # loads lazy commands too
            sub = command.get_command(context, name)
            if sub is not None:
                yield from _walk(sub, [*path, name])


def reference() -> str:
    from tipref.cli import CONTEXT_SETTINGS, cli

    parts = [HEADER]
    for path, command in _walk(cli, ["tipref"]):
        # help_option_names as at run time: click caches each command's help option, so the
        # reference must not depend on which context asked first
        context = click.Context(
            command,
            info_name=" ".join(path),
            terminal_width=100,
            max_content_width=100,
            help_option_names=CONTEXT_SETTINGS["help_option_names"],
        )
        help_text = command.get_help(context)
        parts.append(f"\n## `{' '.join(path)}`\n\n```text\n{help_text}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
