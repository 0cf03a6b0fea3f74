"""docs/cli.md is generated from --help and must match the code."""

from pathlib import Path

from tipref.clidoc import reference

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def test_cli_reference_is_current():
    assert DOCS.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is out of date: run 'python -m tipref.clidoc > docs/cli.md'"
    )


def test_every_command_has_help_text():
    import click

    from tipref.cli import cli

    def walk(command, path):
        yield path, command
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield from walk(sub, [*path, name])

    for path, command in walk(cli, ["tipref"]):
        assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
