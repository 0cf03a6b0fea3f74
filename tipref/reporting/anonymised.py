"""The anonymised victims table (``tipref export --anonymize``) written in each format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipref.privacy.anonymise import COLUMNS, anonymised_export
from tipref.reporting import export as core
from tipref.reporting.htcds import SEX_TO_GENDER, STATUS_TO_HTCDS

if TYPE_CHECKING:
    from tipref.book.casebook import Book

# HTCDS names for the anonymised columns (x_tipref_ where HTCDS has no field).
HTCDS_COLUMNS = {
    "pseudonym": ("x_tipref_pseudonym", "Pseudonym (this export only)"),
    "age_band": ("x_tipref_age_band", "Age band (CTDC)"),
    "sex": ("prs_Gender", "Gender"),
    "district": ("prs_MailingCity", "Mailing City"),
    "destination_country": ("x_tipref_exploitation_country", "Country of exploitation"),
    "exploitation": ("vic_TypeOfExploitation", "Type of Exploitation"),
    "trafficking_status": ("vic_TraffickingStatus", "Trafficking Status"),
    "recruitment": ("vic_MethodOfRecruitment", "Method of Recruitment"),
    "case_status": ("cas_Status", "Status"),
    "services_referred": ("x_tipref_services", "Services referred"),
}


def htcds_row(row: dict[str, Any]) -> dict[str, Any]:
    """An anonymised row under HTCDS column names and values."""
    converted = {HTCDS_COLUMNS[c][0]: v for c, v in row.items()}
    converted["prs_Gender"] = SEX_TO_GENDER.get(row["sex"], row["sex"])
    converted["cas_Status"] = STATUS_TO_HTCDS.get(row["case_status"], row["case_status"])
    return converted


def _table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    return list(COLUMNS), [[row[column] for column in COLUMNS] for row in rows]


def _write_csv(target: Path, rows: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    core.atomic_write_bytes(target, core.csv_bytes(*_table(rows)))


def _write_xlsx(target: Path, rows: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    summary_rows = [[key, str(value)] for key, value in summary.items()]
    core.write_xlsx(
        {"anonymised": _table(rows), "summary": (["item", "value"], summary_rows)}, target
    )


def _write_htcds(target: Path, rows: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    columns = [HTCDS_COLUMNS[c] for c in COLUMNS]
    core.write_toolkit({"Victims": (columns, [htcds_row(r) for r in rows])}, target)


def _write_json(target: Path, rows: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    text = json.dumps({"summary": summary, "rows": rows}, ensure_ascii=False, indent=2) + "\n"
    core.atomic_write_bytes(target, text.encode("utf-8"))


WRITERS = {"csv": _write_csv, "xlsx": _write_xlsx, "htcds": _write_htcds, "json": _write_json}


def export_anonymised(book: Book, fmt: str, out: Path | None, k: int) -> dict[str, Any]:
    """Write the k-anonymous victims table; returns the summary with ``path`` and ``format``."""
    cases, referrals, _ = core.load(book)
    rows, summary = anonymised_export(cases, referrals, k)
    target = out or core.default_out(fmt, anonymised=True)
    WRITERS[fmt](target, rows, summary)
    return {**summary, "path": str(target), "format": fmt}
