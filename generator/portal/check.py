"""The portal's honest gaps as located warnings of portal.yml: a source that cannot be read (with its reason, and
whether a last good copy is shown), a published total that disagrees with its indicator scores, an organisation
whose pages cannot be linked. ``itasite check --strict`` fails on them; a build shows them on the pages."""

from __future__ import annotations

from generator.errors import Finding, Severity
from generator.messages import Lang, say
from generator.model.source import SourceFile
from generator.portal.sources import SourceReading

STATUS_EN = {
    "down": "the site did not answer",
    "not-itasite": "the address does not publish itasite open data",
    "newer-version": "the site publishes a newer data version than this portal reads",
    "invalid": "the organisation's data cannot be read",
    "never-fetched": "never fetched (run itasite portal fetch)",
}


def check_readings(readings: list[SourceReading], source: SourceFile, lang: Lang = "th") -> list[Finding]:
    findings = []
    for reading in readings:
        at = ("sources", reading.entry.index)

        def warn(th: str, en: str, at: tuple[str | int, ...] = at) -> None:
            findings.append(source.finding(at, say(lang, th, en), severity=Severity.warning))

        name = reading.name
        if not reading.ok:
            kept = " (พอร์ทัลแสดงสำเนาล่าสุดที่อ่านได้)" if reading.record else ""
            kept_en = " (the portal shows the last good copy)" if reading.record else ""
            warn(f"{name}: {reading.reason}{kept}", f"{name}: {STATUS_EN.get(reading.status, reading.status)}{kept_en}")
        if reading.record is not None:
            for year in reading.record.years:
                if year.total_differs:
                    assert year.total is not None and year.computed_total is not None
                    warn(f"{name}: คะแนนรวมปี {year.year} ที่เผยแพร่ {year.total:.2f} ไม่ตรงกับที่คำนวณจากคะแนนรายตัวชี้วัด "
                         f"{year.computed_total:.2f}",
                         f"{name}: the published {year.year} total {year.total:.2f} differs from {year.computed_total:.2f} "
                         "computed from its indicator scores")
        if reading.site_url is None and reading.entry.folder is not None:
            warn(f"{name}: ไม่ทราบที่อยู่เว็บไซต์ของหน่วยงาน จึงลิงก์ไปยังหน้าของหน่วยงานไม่ได้ ให้ใส่ url: "
                 "หรือ site_url ใน site_config.yml ของหน่วยงาน",
                 f"{name}: the organisation's address is unknown, so its pages cannot be linked; add url: "
                 "or site_url in its site_config.yml")
    return findings
