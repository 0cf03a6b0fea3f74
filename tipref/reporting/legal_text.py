"""The report's table of the legal process and of the SIMFONI PPA entry (cases opened in
the period): how many reached each step, how many are entered in SIMFONI and how many not."""

from __future__ import annotations

from typing import Any

from tipref.i18n import Msg
from tipref.schemas.legal import LEGAL_FIELDS, LEGAL_LABELS


def legal_tables(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    cases = report["cases"]
    steps = cases.get("legal_process", {})
    simfoni = cases.get("simfoni", {})
    rows: list[list[Any]] = [
        [Msg(LEGAL_LABELS[name]).render(lang), steps[name]]
        for name in LEGAL_FIELDS
        if name in steps
    ]
    rows.append([Msg("Entered in SIMFONI PPA").render(lang), simfoni.get("entered", 0)])
    rows.append([Msg("Not yet entered in SIMFONI PPA").render(lang), simfoni.get("not_entered", 0)])
    columns = [Msg("Step").render(lang), Msg("Cases").render(lang)]
    return [{"id": "legal", "columns": columns, "rows": rows, "note": ""}]
