"""Providers of the referral network: adding, changing and listing them."""

from __future__ import annotations

from typing import Any

from tipref.book.casebook import Book, safe_slug, validate_model
from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.schemas.enums import ProviderType, Service
from tipref.schemas.provider import Provider


def add_provider(book: Book, fields: dict[str, Any]) -> Provider:
    fields = dict(fields)
    # a code typed by the user is checked as typed (tipref.schemas.text.Code), never changed
    # silently; one derived from the name is made into a clean code
    fields["code"] = fields.get("code") or safe_slug(str(fields.get("name", "")))
    _check_code_free(book, fields["code"], None)
    provider = validate_model(Provider, fields)
    return book.add(provider)


def update_provider(book: Book, ref: str, fields: dict[str, Any]) -> Provider:
    if "code" in fields:
        _check_code_free(book, fields["code"], book.resolve_id(Provider, ref))

    def apply(provider: Provider) -> None:
        for name, value in fields.items():
            setattr(provider, name, value)

    return book.update(Provider, ref, apply)


def list_providers(
    book: Book, service: Service | None = None, type: ProviderType | None = None
) -> list[Provider]:
    providers = [p for p in book.all(Provider)]
    if service:
        providers = [p for p in providers if service in p.services]
    if type:
        providers = [p for p in providers if p.type == type]
    return sorted(providers, key=lambda p: p.name.casefold())


def _check_code_free(book: Book, code: str, own_id: str | None) -> None:
    for other in book.all(Provider):
        if other.code == code and other.id != own_id:
            raise InvalidInput(
                field="code",
                problem=Msg(
                    "the code '{code}' is already used by {name}", code=code, name=other.name
                ),
            )
