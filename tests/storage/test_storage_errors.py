"""A book on a read-only or full file system: a named error, exit 1, the book unchanged.

Tests run as root, for whom ``chmod`` makes nothing read-only; so the operating system's
answer is simulated at the boundary instead: every call that would create, change or
remove a file under the book's folder fails with the errno a read-only mount, a folder
without write permission or a full disk gives.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class FailingFileSystem:
    """Makes every write under ``root`` fail with ``code``, as the OS would."""

    def __init__(self, root: Path, code: int, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root, self.code = str(root.resolve()), code
        self.calls = 0
        real_open, real_os_open = builtins.open, os.open

        def guarded_open(file, mode="r", *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and any(c in mode for c in "wax+"):
                self.check(file)
            return real_open(file, mode, *args, **kwargs)

        def guarded_os_open(path, flags, *args, **kwargs):
            if flags & WRITE_FLAGS:
                self.check(path)
            return real_os_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", guarded_open)
        monkeypatch.setattr(io, "open", guarded_open)
        monkeypatch.setattr(os, "open", guarded_os_open)
        for name in ("replace", "rename", "mkdir", "unlink", "remove", "rmdir"):
            monkeypatch.setattr(os, name, self.guard(getattr(os, name)))

    def guard(self, real):
        def guarded(path, *args, **kwargs):
            self.check(path)
            return real(path, *args, **kwargs)

        return guarded

    def check(self, path) -> None:
        if os.path.abspath(os.fspath(path)).startswith(self.root):
            self.calls += 1
            raise OSError(self.code, os.strerror(self.code), os.fspath(path))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


FAILURES = [
    pytest.param(errno.EROFS, "read-only", id="read-only-mount"),
    pytest.param(errno.EACCES, "read-only", id="no-write-permission"),
    pytest.param(errno.ENOSPC, "disk is full", id="full-disk"),
]
COMMANDS = [
    pytest.param(("case", "new", "--name", "Ina Bere", "--sex", "female"), id="case-new"),
    pytest.param(("case", "update", "TTU-2026-0001", "--risk", "low"), id="case-update"),
    pytest.param(
        ("referral", "new", "--case", "TTU-2026-0001", "--service", "health", "--to", "rsud"),
        id="referral-new",
    ),
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("code", "words"), FAILURES)
def test_a_write_the_file_system_refuses_is_one_named_line_and_changes_nothing(
    tipref, victim_case, book_path, monkeypatch, code, words, command
):
    before = snapshot(book_path)
    failing = FailingFileSystem(book_path, code, monkeypatch)
    result = tipref(*command, ok=False)
    monkeypatch.undo()
    assert failing.calls > 0  # the simulated file system was asked, and said no
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and str(book_path) in lines[0], lines
    assert snapshot(book_path) == before
    # Once the file system takes writes again, the same command works, once.
    tipref(*command)
    assert len(tipref.json("case", "list")) == (2 if command[:2] == ("case", "new") else 1)
