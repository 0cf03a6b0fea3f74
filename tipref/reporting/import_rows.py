"""One spreadsheet row to tipref's values: the import fields, converting cells, row keys.

Used by :mod:`tipref.reporting.importer`; every bad cell is a :class:`CellError` naming its
field, so the importer can report every problem of every row.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from typing import Any

from tipref import clock
from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.schemas.countries import normalise_country
from tipref.schemas.enums import (
    CaseStatus,
    Exploitation,
    MeansOfControl,
    RecruitmentMethod,
    Relationship,
    RiskLevel,
    Role,
    Sex,
    TraffickingStatus,
)

# import field -> what it fills. Person fields go to the person, the rest to the case.
PERSON_FIELDS = (
    "name",
    "first_name",
    "middle_name",
    "last_name",
    "role",
    "sex",
    "birth_date",
    "age",
    "nik",
    "phone",
    "street",
    "village",
    "subdistrict",
    "district",
    "province",
    "region_code",
    "country",
    "nationality",
)
CASE_FIELDS = (
    "case_key",
    "opened_on",
    "status",
    "risk",
    "trafficking_status",
    "exploitation",
    "control",
    "recruitment",
    "relationship",
    "recruited_at",
    "recruited_country",
    "exploited_at",
    "exploited_country",
    "chronology",
)
FIELDS = PERSON_FIELDS + CASE_FIELDS
ENUMS = {
    "role": Role,
    "sex": Sex,
    "status": CaseStatus,
    "risk": RiskLevel,
    "trafficking_status": TraffickingStatus,
    "relationship": Relationship,
}
MULTI_ENUMS = {
    "exploitation": Exploitation,
    "control": MeansOfControl,
    "recruitment": RecruitmentMethod,
}
DATES = ("birth_date", "opened_on")
# a model error's field path -> the import field that fed it
MODEL_FIELDS = {
    "estimated_age": "age",
    "birth_date": "birth_date",
    "address.country": "country",
    "trafficking.recruitment_place.country": "recruited_country",
    "trafficking.exploitation_place.country": "exploited_country",
    "means_of_control": "control",
    "trafficking.status": "trafficking_status",
    "address.region_code": "region_code",
}


# -- converting one row -------------------------------------------------------------------
class CellError(Exception):
    def __init__(self, target: str, problem: Any) -> None:
        super().__init__(str(problem))
        self.target = target
        self.problem = problem


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(target: str, value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        try:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            pass
    raise CellError(
        target, Msg("'{value}' is not a date (write YYYY-MM-DD or DD/MM/YYYY)", value=text)
    )


COUNTRIES = ("country", "nationality", "recruited_country", "exploited_country")


def convert_cell(target: str, raw: Any, text: str) -> Any:
    """One cell to its typed value; a bad cell raises CellError naming its field."""
    try:
        if target in DATES:
            return _date(target, raw)
        if target == "age":
            if not re.fullmatch(r"\d{1,3}", text):
                raise CellError(target, Msg("'{value}' is not a whole number", value=text))
            return int(text)
        if target in ENUMS:
            return ENUMS[target].parse(text, target)  # sex: L/P, Lk/Pr, HTCDS values
        if target in MULTI_ENUMS:
            parts = [p for p in re.split(r"[;,|]", text) if p.strip()]
            return [MULTI_ENUMS[target].parse(p, target) for p in parts]
        if target in COUNTRIES:
            return normalise_country(text, target)  # MY, Malaysia, Malaysia (id) -> MY
        if target == "nik":
            return re.sub(r"[\s.'-]", "", text)
        return text
    except InvalidInput as error:
        raise CellError(target, error.params.get("problem", str(error))) from None


def convert_all(values: dict[str, Any]) -> tuple[dict[str, Any], list[CellError]]:
    """Raw cells by import field -> typed values, and every bad cell (not only the first)."""
    out: dict[str, Any] = {}
    problems: list[CellError] = []
    for target, raw in values.items():
        text = _text(raw)
        if text == "" and not isinstance(raw, (date, datetime)):
            continue
        try:
            out[target] = convert_cell(target, raw, text)
        except CellError as error:
            problems.append(error)
    return out, problems


def convert(values: dict[str, Any]) -> dict[str, Any]:
    """Raw cells -> typed values; the first bad cell raises CellError."""
    out, problems = convert_all(values)
    if problems:
        raise problems[0]
    return out


def person_data(values: dict[str, Any]) -> dict[str, Any]:
    name = values.get("name") or " ".join(
        values[k] for k in ("first_name", "middle_name", "last_name") if values.get(k)
    )
    data: dict[str, Any] = {"name": name}
    for key in ("role", "sex", "birth_date", "nik", "phone", "nationality"):
        if key in values:
            data[key] = values[key]
    if "age" in values:
        data["estimated_age"] = values["age"]
        data["age_recorded_on"] = values.get("opened_on") or clock.today()
    address = {
        k: values[k]
        for k in (
            "street",
            "village",
            "subdistrict",
            "district",
            "province",
            "region_code",
            "country",
        )
        if k in values
    }
    if address:
        data["address"] = address
    return data


def case_data(values: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {k: values[k] for k in ("opened_on", "status", "risk") if k in values}
    facts: dict[str, Any] = {}
    for key, target in (
        ("trafficking_status", "status"),
        ("exploitation", "exploitation"),
        ("control", "means_of_control"),
        ("recruitment", "recruitment"),
        ("relationship", "relationship"),
    ):
        if key in values:
            facts[target] = values[key]
    for side, place, country in (
        ("recruitment_place", "recruited_at", "recruited_country"),
        ("exploitation_place", "exploited_at", "exploited_country"),
    ):
        spot = {k: values[v] for k, v in (("place", place), ("country", country)) if v in values}
        if spot:
            facts[side] = spot
    if facts:
        data["trafficking"] = facts
    return data


def _model_target(field_path: str) -> str:
    if field_path in MODEL_FIELDS:
        return MODEL_FIELDS[field_path]
    last = field_path.split(".")[-1]
    for candidate in (field_path, last):
        if candidate in FIELDS:
            return candidate
    if last == "place":
        return "exploited_at" if "exploitation" in field_path else "recruited_at"
    return MODEL_FIELDS.get(last, last)


def _canonical(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(sorted(_canonical(v) for v in value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return _text(getattr(value, "value", value)).casefold()


def row_key(values: dict[str, Any]) -> str:
    """A hash of the row's converted values: the same person and facts give the same key,
    however the file spelt them (P or Perempuan, 14/03/2010 or 2010-03-14)."""
    texts = {k: _canonical(v) for k, v in values.items()}
    canonical = json.dumps(
        {k: v for k, v in texts.items() if v}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]
