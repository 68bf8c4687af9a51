"""What both reports share: numbers and dates in the site's style, the signature block, the running head."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model.types import Organisation, ReportSigner, Timeframe
from generator.render.reports.document import Signatures, Signer
from generator.thai import DateStyle, DigitStyle, format_date, format_number, show_digits


@dataclass(frozen=True)
class Formats:
    """Numbers, years and dates as the site shows them (``plugins: - itasite: digits/date_style``)."""

    digits: DigitStyle = "thai"
    date_style: DateStyle = "long"

    def text(self, value: str) -> str:
        return show_digits(value, self.digits)

    def number(self, value: float) -> str:
        return format_number(value, self.digits)

    def date(self, day: dt.date) -> str:
        return format_date(day, self.date_style, self.digits)

    def span(self, start: dt.date | None, end: dt.date | None) -> str:
        if start and end:
            return f"{self.date(start)} – {self.date(end)}"
        return self.date(start or end) if (start or end) else ""  # type: ignore[arg-type]

    def timeframe(self, t: Timeframe) -> str:
        return t.text or self.span(t.start, t.end) or "–"


def organisation_line(org: Organisation) -> str:
    """The organisation as a report names it: ``เทศบาลเมืองดอนสัก อำเภอดอนสัก จังหวัดสุราษฎร์ธานี``."""
    parts = [org.name]
    if org.district:
        parts.append(f"อำเภอ{org.district}")
    if org.province:
        parts.append(f"จังหวัด{org.province}")
    return " ".join(parts)


def _signer(role: str, signer: ReportSigner) -> Signer:
    return Signer(role, signer.name, tuple(signer.position))


def signature_block(org: Organisation) -> Signatures:
    """The reporter and the executive from ``organisation.yml``; what is not given is printed as a blank line."""
    return Signatures((_signer("ผู้รายงาน", org.signatures.reporter), _signer("ผู้บริหาร", org.signatures.executive)))
