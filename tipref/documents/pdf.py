"""PDF through LibreOffice headless: its own profile per run, a timeout, and a check that
each PDF exists (LibreOffice can exit 0 without writing anything)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tipref.errors import TiprefError
from tipref.i18n import N_

PDF_TIMEOUT_SECONDS = 180


def find_soffice() -> str | None:
    """LibreOffice's program: on PATH, or where its Windows and macOS installers put it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _installed_places():
        if candidate.is_file():
            return str(candidate)
    return None


def _installed_places() -> list[Path]:
    candidates: list[Path] = []
    if sys.platform == "win32":
        for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
            base = os.environ.get(variable)
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
        candidates += [
            Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
            Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
        ]
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return candidates


def convert_to_pdf(documents: Sequence[Path], timeout: int = PDF_TIMEOUT_SECONDS) -> list[Path]:
    """Convert .docx files to PDF next to them, in one LibreOffice run with its own profile."""
    if not documents:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise TiprefError(
            N_(
                "LibreOffice was not found, so no PDF could be made (the .docx was written). Install LibreOffice: on Debian/Ubuntu 'sudo apt-get install libreoffice-writer'; on Windows download it from https://www.libreoffice.org/download/ and run again."
            )
        )
    by_folder: dict[Path, list[Path]] = {}
    for document in documents:
        by_folder.setdefault(document.resolve().parent, []).append(document.resolve())
    made: list[Path] = []
    for folder, files in by_folder.items():
        made += _convert_folder(soffice, folder, files, timeout)
    return made


def _convert_folder(soffice: str, folder: Path, files: list[Path], timeout: int) -> list[Path]:
    # A profile of its own: a LibreOffice the user has open, or another run, cannot block this one.
    profile = Path(tempfile.mkdtemp(prefix="tipref-lo-"))
    try:
        for pdf in (f.with_suffix(".pdf") for f in files):
            if pdf.exists():
                pdf.unlink()
        result = _run_soffice(soffice, profile, folder, files, timeout)
        return [_made_pdf(file, result) for file in files]
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _run_soffice(
    soffice: str, profile: Path, folder: Path, files: list[Path], timeout: int
) -> subprocess.CompletedProcess[str]:
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        *map(str, files),
    ]
    try:
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            encoding="utf-8",
            errors="replace",
        )
    except subprocess.TimeoutExpired:
        raise TiprefError(
            N_("LibreOffice did not finish converting {docx} to PDF within {seconds} seconds."),
            seconds=timeout,
            docx=", ".join(f.name for f in files),
        ) from None
    except OSError as error:
        raise TiprefError(
            N_("LibreOffice did not make {pdf} (exit code {code}): {detail}"),
            pdf=folder,
            code="-",
            detail=str(error),
        ) from None


def _made_pdf(file: Path, result: subprocess.CompletedProcess[str]) -> Path:
    """The PDF of ``file``; LibreOffice can exit 0 without writing anything: check it."""
    pdf = file.with_suffix(".pdf")
    if not pdf.is_file() or pdf.stat().st_size == 0:
        detail = (result.stderr or result.stdout or "").strip().splitlines()
        raise TiprefError(
            N_("LibreOffice did not make {pdf} (exit code {code}): {detail}"),
            pdf=str(pdf),
            code=result.returncode,
            detail=detail[-1] if detail else "-",
        )
    return pdf
