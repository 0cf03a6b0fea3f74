"""Where an output file goes (DESIGN.md §4), for every command that writes one.

- a trailing ``/`` (or ``\\``) or an existing folder means "into this folder": the file
  gets its default name there; a folder given with a trailing slash is created; when the
  output is itself a folder of files (a CSV export), that folder is the output;
- the extension is added when missing; an extension that contradicts the format is
  refused;
- an existing file is replaced only with ``--force``; otherwise the command refuses and
  names the file;
- personal data written inside the book folder: refused for an encrypted book, a warning
  for a plain one (the shared folder is synced to every laptop of the team).

No click here: commands pass the text the user typed and turn the warnings into lines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tipref.errors import InvalidInput, TiprefError
from tipref.i18n import N_, Msg

if TYPE_CHECKING:
    from tipref.book.casebook import Book


FOLDER = ""  # the "extension" of an output that is a folder (a CSV export)


@dataclass
class Output:
    """A resolved output: the path to write and the warnings to show."""

    path: Path
    warnings: list[Msg] = field(default_factory=list)


def _is_folder_text(text: str) -> bool:
    return text.endswith(("/", "\\")) or text.endswith(os.sep)


def _make_folder(folder: Path, option: str) -> None:
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(
            field=option, problem=Msg("{path} is a file, not a folder", path=str(folder))
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidInput(
            field=option,
            problem=Msg(
                "cannot create the folder {path}: {detail}",
                path=str(folder),
                detail=error.strerror or error,
            ),
        ) from None


def output_path(
    given: str | os.PathLike[str] | None,
    default_name: str,
    extensions: tuple[str, ...],
    *,
    force: bool = False,
    option: str = "--out",
) -> Path:
    """The file to write for what the user typed after ``option``.

    ``default_name`` has no extension; ``extensions`` are the allowed ones, the first
    being added when none is given (``FOLDER`` for an output that is a folder).
    """
    text = os.fspath(given) if given is not None else ""
    if not text:
        target = Path.cwd() / (default_name + extensions[0])
    else:
        path = Path(text).expanduser()
        if (_is_folder_text(text) or path.is_dir()) and extensions[0] == FOLDER:
            # the output is itself a folder (CSV files): this folder is it
            if path.is_dir() and any(path.iterdir()) and not force:
                raise TiprefError(
                    N_("{path} already exists; add --force to replace it"), path=str(path)
                )
            _make_folder(path, option)
            return path
        if _is_folder_text(text) or path.is_dir():
            _make_folder(path, option)
            target = path / (default_name + extensions[0])
        else:
            target = _with_extension(path, extensions, option)
            _make_folder(target.parent, option)
    if target.exists() and not force:
        raise TiprefError(N_("{path} already exists; add --force to replace it"), path=str(target))
    return target


def _with_extension(path: Path, extensions: tuple[str, ...], option: str) -> Path:
    suffix = path.suffix.lower()
    if suffix in extensions:
        return path
    known = suffix and suffix[1:].isalnum() and len(suffix) <= 5
    if not known:
        return path.with_name(path.name + extensions[0])  # "surat" or "surat.v2" -> +.docx
    expected = " / ".join(e or "a folder" for e in extensions)
    raise InvalidInput(
        field=option,
        problem=Msg(
            "'{path}' ends in {suffix}, but what is written is {expected}",
            path=str(path),
            suffix=suffix,
            expected=expected,
        ),
    )


def folder_path(given: str | os.PathLike[str], option: str = "--out-dir") -> Path:
    """A folder to write many files into, created when missing."""
    folder = Path(os.fspath(given)).expanduser()
    _make_folder(folder, option)
    return folder


def refuse_existing(paths: list[Path], force: bool) -> None:
    """Before a batch writes anything: refuse when one of its files exists (without --force)."""
    if force:
        return
    for path in paths:
        if path.exists():
            raise TiprefError(
                N_("{path} already exists; add --force to replace it"), path=str(path)
            )


def personal_data_check(book: Book, path: Path) -> list[Msg]:
    """Personal data inside the book folder: refused when encrypted, else one warning."""
    from tipref.privacy.vault import check_output_path

    target = check_output_path(book, path)  # raises for an encrypted book
    root = Path(book.root).resolve()
    if target == root or root in target.parents:
        return [
            Msg(
                "{path} holds personal data and is inside the shared case book folder; move it elsewhere once used",
                path=str(target),
            )
        ]
    return []
