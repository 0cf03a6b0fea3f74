"""Checks of identity data: NIK (python-stdnum), phone numbers (phonenumbers), e-mail
addresses (email-validator) and NIP (DOMAIN.md §7).

Each check raises :class:`InvalidInput` naming the field and what is wrong with it.
"""

from __future__ import annotations

from datetime import date

from tipref.errors import InvalidInput
from tipref.i18n import Msg

FEMALE_DAY_OFFSET = 40  # women's NIK add 40 to the birth day
NIK_LENGTH = 16


def normalise_nik(value: str, field: str = "nik") -> str:
    """Validate a NIK's form, birth date and region code; return its 16 digits."""
    # imported here: python-stdnum brings ssl and sockets along (issue #21, start-up)
    from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength
    from stdnum.id import nik as stdnum_nik

    number = stdnum_nik.compact(value)
    try:
        return stdnum_nik.validate(number)
    except InvalidLength:  # a subclass of InvalidFormat: catch it first
        raise InvalidInput(
            field=field,
            problem=Msg("a NIK has 16 digits, this one has {length}", length=len(number)),
        ) from None
    except InvalidFormat:
        raise InvalidInput(field=field, problem=Msg("a NIK may contain digits only")) from None
    except InvalidComponent:
        # validate() checks the date first, then the region code
        try:
            stdnum_nik.get_birth_date(number)
        except InvalidComponent:
            raise InvalidInput(
                field=field,
                problem=Msg(
                    "the birth date inside the NIK ({part}) is impossible", part=number[6:12]
                ),
            ) from None
        raise InvalidInput(
            field=field,
            problem=Msg("the region code inside the NIK ({part}) is unknown", part=number[:6]),
        ) from None


def stored_nik_shape(value: str) -> bool:
    """A stored NIK's shape without python-stdnum (its import costs more than a read, #21):
    16 digits whose birth-date part is a real date. Anything else goes to
    :func:`normalise_nik`, which names the problem; the region code is checked on entry."""
    if len(value) != NIK_LENGTH or not value.isascii() or not value.isdigit():
        return False
    day, month, year = int(value[6:8]) % FEMALE_DAY_OFFSET, int(value[8:10]), int(value[10:12])
    for century in (1900, 2000):  # as stdnum.id.nik.get_birth_date
        try:
            date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


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
            problem=Msg(
                "the NIK says {nik_sex} (birth day {day}; women add 40), but the recorded sex is {sex}",
                nik_sex=nik_sex(number),
                day=f"{day:02d}",
                sex=sex,
            ),
        )
    if birth_date is not None:
        nik_day, month, year2 = day % FEMALE_DAY_OFFSET, int(number[8:10]), int(number[10:12])
        if (nik_day, month, year2) != (birth_date.day, birth_date.month, birth_date.year % 100):
            raise InvalidInput(
                field=field,
                problem=Msg(
                    "the NIK says born {nik_date}, but the recorded birth date is {birth_date}",
                    nik_date=f"{nik_day:02d}-{month:02d}-..{year2:02d}",
                    birth_date=birth_date.isoformat(),
                ),
            )


def normalise_phone(value: str, field: str = "phone", region: str = "ID") -> str:
    """Return E.164 (+62…); local numbers are read as Indonesian, dropping the trunk 0."""
    import phonenumbers  # imported here: its metadata is large (issue #21, start-up)

    try:
        parsed = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise InvalidInput(
            field=field, problem=Msg("'{value}' is not a valid phone number", value=value)
        ) from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidInput(
            field=field, problem=Msg("'{value}' is not a valid phone number", value=value)
        )
    if not phonenumbers.is_valid_number(parsed):  # 0000000000, a NIK typed as a phone
        where = phonenumbers.region_code_for_number(parsed) or region
        raise InvalidInput(
            field=field,
            problem=Msg(
                "'{value}' is not a phone number in use in {region}; write e.g. 0812 3456 7890, or a number abroad with +, e.g. +60 12 345 6789",
                value=value,
                region=where,
            ),
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(value: str, field: str = "email") -> str:
    """A syntactically valid address (email-validator; no network lookup), normalised."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidInput(
            field=field,
            problem=Msg(
                "'{value}' is not an e-mail address: {detail}", value=value, detail=str(error)
            ),
        ) from None


def normalise_nip(value: str, field: str = "nip") -> str:
    """NIP: birth date YYYYMMDD, appointment YYYYMM, sex 1 or 2, serial of 3 (DOMAIN.md §7)."""
    digits = "".join(value.split())
    if len(digits) != 18 or not digits.isdigit():
        raise InvalidInput(
            field=field,
            problem=Msg(
                "a NIP has 18 digits (birth YYYYMMDD, appointment YYYYMM, sex 1/2, a serial of 3); given: '{value}'",
                value=value,
            ),
        )
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidInput(
            field=field,
            problem=Msg(
                "the {part} part of the NIP ('{digits}') is impossible",
                part="birth date",
                digits=digits[:8],
            ),
        ) from None
    year, month = int(digits[8:12]), int(digits[12:14])
    if not (1 <= month <= 12) or (year, month) <= (born.year, born.month):
        raise InvalidInput(
            field=field,
            problem=Msg(
                "the {part} part of the NIP ('{digits}') is impossible",
                part="appointment",
                digits=digits[8:14],
            ),
        )
    if digits[14] not in "12":
        raise InvalidInput(
            field=field,
            problem=Msg(
                "the {part} part of the NIP ('{digits}') is impossible",
                part="sex",
                digits=digits[14],
            ),
        )
    return digits
