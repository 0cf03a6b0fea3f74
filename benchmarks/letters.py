"""How fast are referral letters? 500 letters against a bare python-docx open-and-save.

    python benchmarks/letters.py [--count 500]

Prints milliseconds per letter for the whole batch (render, write the .docx, record the
letter on the referral) and the ratio to opening and saving the same template with
python-docx alone (the target: within 2x), then where the time goes.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

from tipref.book.opening import create_book
from tipref.schemas import Case, Provider, Referral


def build_book(root: Path, count: int):
    from tipref.book.cases import open_case
    from tipref.book.providers import add_provider
    from tipref.book.referrals import new_referral
    from tipref.schemas.enums import Service
    from tipref.schemas.settings import BookSettings

    settings = BookSettings.model_validate(
        {
            "organisation": {
                "name": "UPTD PPA Kabupaten Timor Tengah Utara",
                "code": "TTU",
                "city": "Kefamenanu",
                "address": "Jl. Sudirman No. 1",
                "phone": "0388-31234",
                "email": "uptdppa@ttukab.go.id",
            },
            "signer": {
                "name": "Yohana Kefi, S.Sos",
                "position": "Kepala UPTD PPA",
                "nip": "197501012000032001",
            },
            "privacy": {"require_consent_for_referral": False},
        }
    )
    book = create_book(root, settings, "Benchmark")
    add_provider(
        book,
        {
            "code": "rsud",
            "name": "RSUD Kefamenanu",
            "type": "hospital",
            "services": ["health"],
            "contact_position": "Direktur RSUD",
        },
    )
    case = open_case(book, {"name": "Maria Ulu", "sex": "female", "birth_date": "2010-03-14"}, {})
    for i in range(count):
        new_referral(
            book,
            case.number,
            Service.health,
            "rsud",
            fields={"reason": f"Pemeriksaan {i} & pemulihan", "attachments": ["Kronologi"]},
        )
    return book


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    count = parser.parse_args().count
    os.environ.setdefault("TIPREF_CONFIG_DIR", tempfile.mkdtemp(prefix="tipref-bench-config-"))
    os.environ.setdefault("TIPREF_CACHE_DIR", tempfile.mkdtemp(prefix="tipref-bench-cache-"))
    from docx import Document

    from tipref.documents.letters import letter_context, make_letters, select_referrals
    from tipref.documents.render import find_template, load_template

    work = Path(tempfile.mkdtemp(prefix="tipref-bench-"))
    print(f"building a book with {count} referrals in {work} ...", file=sys.stderr)
    book = build_book(work / "book", count)
    template_path = find_template(book.root, "letter-id").path

    # Bare python-docx: open the template and save it, nothing else.
    bare_dir = work / "bare"
    bare_dir.mkdir()
    blob = template_path.read_bytes()
    start = time.perf_counter()
    for i in range(count):
        Document(io.BytesIO(blob)).save(str(bare_dir / f"{i}.docx"))
    bare = (time.perf_counter() - start) / count

    # The real thing: every letter rendered, written and recorded on its referral.
    referrals = select_referrals(book)
    start = time.perf_counter()
    results = make_letters(book, referrals, work / "letters", "id")
    full = (time.perf_counter() - start) / count
    assert len(results) == count

    # Where the time goes: render alone (template parsed once) and the record write alone.
    template = load_template(book.root, "letter-id")
    case = book.get(Case, referrals[0].case_id)
    provider = book.get(Provider, referrals[0].provider_id)
    context, _ = letter_context(
        book, referrals[0], case, provider, "001/TTU/XI/2026", referrals[0].referred_on, "id"
    )
    start = time.perf_counter()
    for _ in range(count):
        template.render(context)
    render = (time.perf_counter() - start) / count

    start = time.perf_counter()
    for referral in referrals:
        book.update(Referral, referral.id, lambda r: None, note="benchmark: record write")
    record = (time.perf_counter() - start) / count

    print(f"letters written:                 {count}")
    print(f"bare python-docx open+save:      {bare * 1000:7.2f} ms per document")
    print(f"tipref letter (render+write+record): {full * 1000:7.2f} ms per letter")
    print(f"ratio to bare save:              {full / bare:7.2f}x  (target <= 2x)")
    print(f"  of which render to bytes:      {render * 1000:7.2f} ms ({render / bare:.2f}x bare)")
    print(
        f"  of which record on referral:   {record * 1000:7.2f} ms (lock, read, validate, write, history)"
    )


if __name__ == "__main__":
    main()
