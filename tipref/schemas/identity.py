"""Checks of identity data: NIK (python-stdnum) and phone numbers (phonenumbers).

Each check raises :class:`InvalidInput` naming the field and what is wrong with it.
"""

from __future__ import annotations

from datetime import date

import phonenumbers
from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength
from stdnum.id import nik as stdnum_nik

from tipref.errors import InvalidInput
from tipref.i18n import Msg

FEMALE_DAY_OFFSET = 40  # women's NIK add 40 to the birth day


def normalise_nik(value: str, field: str = "nik") -> str:
    """Validate a NIK's form, birth date and region code; return its 16 digits."""
    number = stdnum_nik.compact(value)
    try:
        return stdnum_nik.validate(number)
    except InvalidLength:  # a subclass of InvalidFormat: catch it first
        raise InvalidInput(field=field, problem=Msg("nik.length", length=len(number))) from None
    except InvalidFormat:
        raise InvalidInput(field=field, problem=Msg("nik.digits")) from None
    except InvalidComponent:
        # validate() checks the date first, then the region code
        try:
            stdnum_nik.get_birth_date(number)
        except InvalidComponent:
            raise InvalidInput(field=field, problem=Msg("nik.date", part=number[6:12])) from None
        raise InvalidInput(field=field, problem=Msg("nik.region", part=number[:6])) from None


def nik_sex(number: str) -> str:
    return "female" if int(number[6:8]) > FEMALE_DAY_OFFSET else "male"


def check_nik_against(
    number: str, sex: str | None, birth_date: date | None, field: str = "nik"
) -> None:
    """Say which part of the NIK disagrees with the recorded sex or birth date."""
    day = int(number[6:8])
    if sex is not None and nik_sex(number) != sex:
        raise InvalidInput(
            field=field,
            problem=Msg("nik.sex", nik_sex=nik_sex(number), day=f"{day:02d}", sex=sex),
        )
    if birth_date is not None:
        nik_day, month, year2 = day % FEMALE_DAY_OFFSET, int(number[8:10]), int(number[10:12])
        if (nik_day, month, year2) != (birth_date.day, birth_date.month, birth_date.year % 100):
            raise InvalidInput(
                field=field,
                problem=Msg(
                    "nik.birth_date",
                    nik_date=f"{nik_day:02d}-{month:02d}-..{year2:02d}",
                    birth_date=birth_date.isoformat(),
                ),
            )


def normalise_phone(value: str, field: str = "phone", region: str = "ID") -> str:
    """Return E.164 (+62…); local numbers are read as Indonesian, dropping the trunk 0."""
    try:
        parsed = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise InvalidInput(field=field, problem=Msg("phone.invalid", value=value)) from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidInput(field=field, problem=Msg("phone.invalid", value=value))
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
