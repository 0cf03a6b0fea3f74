"""The report's table of the legal process and of the SIMFONI PPA entry (cases opened in
the period): how many reached each step, how many are entered in SIMFONI and how many not."""

from __future__ import annotations

from typing import Any

from tipref.i18n import register_messages, t
from tipref.schemas.legal import LEGAL_FIELDS

register_messages(
    {
        "report.t.legal": {
            "id": "Proses hukum dan pencatatan SIMFONI PPA (kasus)",
            "en": "Legal process and SIMFONI PPA entry (cases)",
        },
        "report.c.step": {"id": "Langkah", "en": "Step"},
        "report.legal.simfoni_not_entered": {
            "id": "Belum dicatat di SIMFONI PPA",
            "en": "Not yet entered in SIMFONI PPA",
        },
    }
)


def legal_tables(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    cases = report["cases"]
    steps = cases.get("legal_process", {})
    simfoni = cases.get("simfoni", {})
    rows: list[list[Any]] = [
        [t(f"legal.{name}", lang), steps[name]] for name in LEGAL_FIELDS if name in steps
    ]
    rows.append([t("legal.simfoni_entered_on", lang), simfoni.get("entered", 0)])
    rows.append([t("report.legal.simfoni_not_entered", lang), simfoni.get("not_entered", 0)])
    columns = [t("report.c.step", lang), t("report.c.cases", lang)]
    return [{"id": "legal", "columns": columns, "rows": rows, "note": ""}]
