"""Click's own messages ("Usage:", "Missing option", "No such command"...), for the catalogue.

Click translates them itself, with the standard library's ``gettext.gettext`` in the
process's domain, which :func:`tipref.i18n.set_language` binds to ours. Listing them here
keeps them in ``tipref.pot`` when it is extracted again; each must match click's source
exactly (``tests/text/test_i18n.py`` checks ``CLICK_MESSAGES`` against the installed
click). Programmers' errors (a command declared wrongly) are left out: no user sees them.
So are the names of click's path types ("file", "directory", "path"): click translates
them when a type is made, at import, and makes the metavars FILE, PATH from them, which
the help texts name as they are.
"""

from __future__ import annotations

from tipref.i18n import N_, ngettext

# Spelled the same in click 8.1 to 8.5 unless noted; CLICK_SINCE names the messages
# older clicks do not have (pyproject: click 8.4 and later).
CLICK_SINCE = {"Positional arguments": (8, 5)}  # versions before these lack them

CLICK_MESSAGES = (
    N_("No such command {name!r}."),
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),  # 8.5: documented arguments
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Try '{command} {option}' for help."),
    N_("Error: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("No such option {name!r}."),  # 8.5; 8.1-8.3 below
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("Choose from:\n\t{choices}"),
    N_("Aborted!"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("(dynamic)"),
    N_("deprecated"),  # 8.5
    N_("Repeat for confirmation"),
    N_("Error: The two entered values do not match."),
    N_("Error: invalid input"),
    N_("Press any key to continue..."),
    N_("Do you want to continue?"),  # 8.5
    N_("Confirm the action without prompting."),  # 8.5
    N_("Could not open file {filename!r}: {message}"),
    N_("unknown error"),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Value must be an iterable."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value!r} is not a valid UUID."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),  # 8.3+
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    N_("DeprecationWarning: The command {name!r} is deprecated.{extra_message}"),  # 8.2+
)

# The spellings of click 8.1-8.3 that click 8.5 changed: kept so those versions read
# Indonesian too (not checked against the installed click).
OLDER_CLICK_MESSAGES = (
    N_("No such option: {name}"),
    N_("Error: {e.message}"),
    N_("Error: The value you entered was invalid."),
    N_("{value!r} is not a valid boolean."),
    N_("(Deprecated) {text}"),
    N_("DeprecationWarning: The command {name!r} is deprecated."),
)


def _plural_messages() -> None:  # pragma: no cover - never called
    """Click's count sentences, for Babel to extract with their plural (click calls
    ``gettext.ngettext`` with these exact pairs)."""
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 0)
    ngettext("Did you mean {possibility}?", "(Possible options: {possibilities})", 0)
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 0)
    ngettext(
        "Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given.", 0
    )
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 0
    )
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 0)
    ngettext(
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
        0,
    )
    ngettext(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
        0,
    )
