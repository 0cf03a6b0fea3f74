"""Setting up a new case book (``tipref init``): the folder, the logo, an example network,
encryption. The command asks for the settings; this module makes the book."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tipref.book.casebook import Book
from tipref.book.opening import create_book
from tipref.book.providers import add_provider
from tipref.guidance.seed import example_network
from tipref.schemas.provider import Provider
from tipref.schemas.settings import BookSettings


@dataclass
class NewBook:
    book: Book
    providers: list[Provider] = field(default_factory=list)


def set_up_book(
    path: Path,
    settings: BookSettings,
    actor: str,
    logo: Path | None = None,
    seed_network: bool = False,
    encrypt: bool = False,
) -> NewBook:
    """Create the book at ``path``; with ``encrypt`` the passphrase is checked first, so a
    missing or wrong one stops before the book exists."""
    passphrase = None
    if encrypt:
        from tipref.privacy.vault import preflight_passphrase

        passphrase = preflight_passphrase()
    book = create_book(path, settings, actor)
    if logo is not None:
        _copy_logo(book, settings, logo)
    made = NewBook(book)
    if seed_network:
        made.providers = [
            add_provider(book, provider)
            for provider in example_network(
                settings.organisation.district, settings.organisation.city
            )
        ]
    if encrypt:
        from tipref.privacy.vault import init_vault

        init_vault(book, passphrase=passphrase)
    return made


def _copy_logo(book: Book, settings: BookSettings, logo: Path) -> None:
    target = book.root / "templates" / f"logo{logo.suffix.lower()}"
    target.write_bytes(logo.read_bytes())
    settings.organisation.logo = str(target.relative_to(book.root).as_posix())
    book.save_settings(settings)
