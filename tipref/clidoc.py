"""The CLI reference (docs/cli.md), generated from the commands' own --help.

``python -m tipref.clidoc > docs/cli.md`` rewrites it; a test regenerates it and fails
when the checked-in copy has drifted from the code.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

HEADER = r"""# tipref command reference

Generated from `--help` by `python -m tipref.clidoc > docs/cli.md`; a test checks that
this file matches the code. Do not edit by hand.

## The grammar

Every command is `tipref GROUP VERB` (or `tipref COMMAND`); one option name has one
meaning everywhere.

| What | How it is written |
|---|---|
| the record acted on | a positional `REF`, its id or display number: `case show\|update\|close\|plan\|event\|need\|add-person\|export-subject\|purge REF`, `referral show\|update REF`, `consent add\|list\|withdraw REF` (the case), `letter REF`, `commitment show\|add-point\|sign\|render REF`, `provider show\|update REF`, `log REF` |
| creating a record | `new`: `case new`, `referral new`, `provider new`, `commitment new`, `letter new` |
| a linked record or a value | `--case`, `--service`, `--provider`, `--status`, `--person`: a filter on lists, a link or a value on `new`/`update` |
| parties | `--to` the receiving provider; `--incoming-from` the referring provider of an incoming referral |
| dates | `--date` the one date of an act; `--since`/`--until` a period (report, letter list, log) |
| files read | `--attendance FILE` an attendance list (commitment sign); `--mapping FILE` the columns of an import |
| files written | `--out` (a file, or a folder ending in `/`), `--docx`, `--xlsx`; an existing file is replaced only with `--force` |
| reasons | `--reason` the referral's reason; `--status-reason` (alias `--why`) the reason for a status (declined, closed); `--override-reason` the consent override's |
| output | `--json`: only JSON on stdout; messages, prompts and progress go to stderr |
| relative dates | `today`, `yesterday`, `today-N` wherever a date is asked |

Old spellings keep working, hidden from `--help`, and print a one-line note on stderr:

| Old | New |
|---|---|
| `referral new --from P` | `referral new --incoming-from P` |
| `referral update --decline-reason R` | `referral update --status-reason R` (or `--why R`) |
| `case close --reason R` | `case close --status-reason R` (or `--why R`) |
| `case need REF SERVICE` | `case need REF --service SERVICE` |
| `sop SERVICE` | `sop --service SERVICE` |
| `commitment sign REF --from FILE` | `commitment sign REF --attendance FILE` |
| `report --from D --to D` | `report --since D --until D` |
| `provider add` | `provider new` |

Shell completion is click's own: `eval "$(_TIPREF_COMPLETE=bash_source tipref)"` in
`~/.bashrc` (`zsh_source`, `fish_source` for the other shells).
"""


def _walk(command: click.Command, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in sorted(command.list_commands(context)):  # loads lazy commands too
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:  # a hidden one: an old spelling kept as alias
                yield from _walk(sub, [*path, name])


def reference() -> str:
    """The reference in English, whatever the run's language (the catalogue has the
    Indonesian of every page: ``tipref --lang id COMMAND --help``)."""
    from tipref.cli import CONTEXT_SETTINGS, cli
    from tipref.i18n import language, set_language

    before = language()
    set_language("en")
    try:
        return _pages(cli, CONTEXT_SETTINGS["help_option_names"])
    finally:
        set_language(before)


def _pages(cli: click.Command, help_option_names: list[str]) -> str:
    parts = [HEADER]
    for path, command in _walk(cli, ["tipref"]):
        # help_option_names as at run time: click caches each command's help option, so the
        # reference must not depend on which context asked first
        context = click.Context(
            command,
            info_name=" ".join(path),
            terminal_width=80,
            max_content_width=80,
            help_option_names=help_option_names,
        )
        help_text = command.get_help(context)
        parts.append(f"\n## `{' '.join(path)}`\n\n```text\n{help_text}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
