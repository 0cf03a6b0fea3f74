"""docs/cli.md is generated from --help and must match the code."""

from pathlib import Path

from tipref.clidoc import reference

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_reference_is_current():
    assert DOCS.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is out of date: run 'python -m tipref.clidoc > docs/cli.md'"
    )


def test_every_command_has_help_text():
    import click

    from tipref.cli import cli

    ctx = click.Context(cli)

    def walk(command, path):
        yield path, command
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                yield from walk(command.get_command(ctx, name), [*path, name])

    seen = list(walk(cli, ["tipref"]))
    for path, command in seen:
        assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    names = {" ".join(path) for path, _ in seen}
    assert {"tipref case plan", "tipref case purge", "tipref vault init", "tipref due"} <= names


def test_every_command_is_registered_once_in_the_table():
    """Each command module's command is listed in COMMANDS; no module is left out."""
    import click

    from tipref.commands import COMMANDS, load_command

    package = Path(__file__).resolve().parents[2] / "tipref" / "commands"
    listed = {target.split(":")[0].rsplit(".", 1)[1] for target in COMMANDS.values()}
    groups = [load_command(target) for target in COMMANDS.values()]
    verbs_of_groups = {  # named by their group's own table of verbs (case, referral)
        target.split(":")[0].rsplit(".", 1)[1]
        for group in groups
        for target in getattr(group, "lazy_commands", {}).values()
    }
    assert {"case_show", "case_plan", "referral_list", "referral_reply"} <= verbs_of_groups
    modules = {p.stem for p in package.glob("*.py") if not p.stem.startswith("_")}
    assert modules - verbs_of_groups == listed
    for name, target in COMMANDS.items():
        command = load_command(target)
        assert isinstance(command, click.Command) and command.name == name
