"""A synthetic portal for the benchmark: N organisations × Y years, every one a ``url:`` source whose
``data/site.json`` is already in ``portal-cache/`` as ``itasite portal fetch`` leaves it (a good copy, read once).

Each organisation is a site made from :mod:`bench.synthetic`'s models (a full result, a measures plan with two
rounds and every OIT item, each year), validated as the loader validates content and turned into ``site.json`` by
:func:`generator.render.opendata.site_json`, as its own build would publish it. Organisations are grouped by
province, district and type. One organisation is made, written and dropped at a time: memory stays flat whatever N
is. The same (N, Y, seed) always gives the same files.

    python -m bench.synthetic_portal OUT_DIR [--orgs 8304] [--years 8] [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import yaml

from bench.synthetic import FIRST_YEAR, LAST_SHIPPED, UNITS, _Writer, collect_phrases, framework_of, make_oit, make_plan, make_result
from generator.model.site import Site, YearContent
from generator.model.types import Framework, MeasurePlan, OitDisclosures, Organisation, Result
from generator.portal.cache import CACHE_DIR, FetchRecord, SourceStatus, store_source
from generator.render.opendata import Addresses, site_json
from generator.urls import DIRECTORY_URLS, SITE_JSON

ORGS = 8304
YEARS = 8
MEASURES = 10
READ_AT = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)  # fixed: the same arguments give the same files
PROVINCES = [
    ("สุราษฎร์ธานี", ["เมืองสุราษฎร์ธานี", "ดอนสัก", "เกาะสมุย", "ไชยา", "พุนพิน"]),
    ("นครราชสีมา", ["เมืองนครราชสีมา", "ปากช่อง", "สีคิ้ว", "โชคชัย", "พิมาย"]),
    ("เชียงใหม่", ["เมืองเชียงใหม่", "แม่ริม", "สันทราย", "ฝาง", "หางดง"]),
    ("ขอนแก่น", ["เมืองขอนแก่น", "ชุมแพ", "น้ำพอง", "บ้านไผ่", "พล"]),
    ("สงขลา", ["เมืองสงขลา", "หาดใหญ่", "สะเดา", "จะนะ", "ระโนด"]),
    ("ราชบุรี", ["เมืองราชบุรี", "บ้านโป่ง", "โพธาราม", "ดำเนินสะดวก", "จอมบึง"]),
]
TYPES = [("องค์การบริหารส่วนตำบล", "อบต.", 0.80), ("เทศบาลตำบล", "ทต.", 0.16), ("เทศบาลเมือง", "ทม.", 0.035),
         ("เทศบาลนคร", "ทน.", 0.005)]


def org_url(n: int) -> str:
    return f"https://org{n:05d}.example.go.th/ita/"


def _type_of(w: _Writer) -> tuple[str, str]:
    pick, total = w.rng.random(), 0.0
    for name, short, share in TYPES:
        total += share
        if pick < total:
            return name, short
    return TYPES[0][:2]


def _framework(year: int) -> Framework:
    """The year's framework: shipped, or after the last shipped one, that one under the new year (``extends``)."""
    framework = framework_of(year)
    return framework if framework.year == year else framework.model_copy(update={"year": year})


def make_org(n: int, years: int, seed: int, phrases: list[str]) -> tuple[Site, dict[str, str]]:
    """Organisation ``n``: its site (validated models) and its groups."""
    w = _Writer(seed * 1_000_003 + n, phrases)
    province, districts = PROVINCES[n % len(PROVINCES)]
    district = districts[(n // len(PROVINCES)) % len(districts)]
    kind, short = _type_of(w)
    place = w.sentence((1, 1))
    organisation = Organisation.model_validate({
        "name": f"{kind}{place}{n}", "short_name": f"{short}{place}{n}", "type": kind, "district": district,
        "province": province, "description": w.paragraphs((1, 2)),
        "contact": {"website": org_url(n)},
        "units": [{"id": i, "name": name, **({"parent": p} if p else {})} for i, name, p in UNITS],
    })
    contents = {}
    first = LAST_SHIPPED + 1 - years if years <= LAST_SHIPPED + 1 - FIRST_YEAR else FIRST_YEAR
    for year in range(first, first + years):
        contents[year] = YearContent(
            year, _framework(year), Result.model_validate(make_result(w, year)),
            MeasurePlan.model_validate(make_plan(w, year, max(FIRST_YEAR, year - 1), MEASURES)),
            OitDisclosures.model_validate(make_oit(w, year)),
        )
    site = Site(organisation, contents, {y: c.framework for y, c in contents.items()})
    return site, {"province": province, "district": district, "type": kind}


def site_document(site: Site, url: str) -> bytes:
    """``data/site.json`` as the organisation's build writes it (its addresses absolute on its ``site_url``)."""
    at = Addresses(DIRECTORY_URLS, url, SITE_JSON, frozenset(), site.organisation.contact.website)
    return (json.dumps(site_json(site, at), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _sources(orgs: int, years: int, seed: int, phrases: list[str], portal: Path) -> Iterator[str]:
    """Write each organisation's cache folder; yields its portal.yml entry."""
    for n in range(orgs):
        site, groups = make_org(n, years, seed, phrases)
        url = org_url(n)
        body = site_document(site, url)
        store_source(portal, FetchRecord(
            url=url, status=SourceStatus.ok, attempted_at=READ_AT, good_at=READ_AT, data_url=url + SITE_JSON, http_status=200,
            etag=f'"{hashlib.sha256(body).hexdigest()[:16]}"', last_modified="Tue, 01 Dec 2026 02:00:00 GMT",
        ), body)
        yield "  - url: " + url + "\n    groups: " + json.dumps(groups, ensure_ascii=False) + "\n"


def portal_config(name: str, root: Path) -> str:
    """The example portal's configuration (the default site's where there is none) with this portal's name, an
    address of its own and the theme folder of this checkout."""
    example = root / "examples" / "portal" / "site_config.yml"
    text = (example if example.is_file() else root / "site_config.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_name: .*$", f"site_name: {name}", text)
    text = re.sub(r"(?m)^site_url: .*$", "site_url: https://portal.example.go.th/", text)
    return re.sub(r"(?m)^(\s*custom_dir:) .*$", rf"\1 {root / 'theme'}", text)


def write_portal(out: Path, orgs: int = ORGS, years: int = YEARS, seed: int = 0, phrases: list[str] | None = None) -> int:
    """Write ``site_config.yml``, ``content/portal.yml`` and ``portal-cache/`` for ``orgs`` organisations into
    ``out``; returns the bytes of the cache."""
    from bench.synthetic import ROOT

    phrases = phrases if phrases is not None else collect_phrases()
    name = f"ข้อมูล ITA/OIT ของหน่วยงานตัวอย่าง {orgs} แห่ง"
    (out / "content").mkdir(parents=True, exist_ok=True)
    (out / "site_config.yml").write_text(portal_config(name, ROOT), encoding="utf-8")
    with (out / "content" / "portal.yml").open("w", encoding="utf-8") as config:
        config.write(yaml.safe_dump({"name": name, "owner": "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด (ตัวอย่าง)"},
                                    allow_unicode=True, sort_keys=False))
        config.write("sources:\n")
        for entry in _sources(orgs, years, seed, phrases, out):
            config.write(entry)
    return sum(p.stat().st_size for p in (out / CACHE_DIR).rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--orgs", type=int, default=ORGS)
    parser.add_argument("--years", type=int, default=YEARS)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    start, cpu = time.perf_counter(), time.process_time()
    size = write_portal(args.out, args.orgs, args.years, args.seed)
    tag = f"portal_{args.orgs}"
    print(f"{tag}.write_cache_s: {time.perf_counter() - start:.1f}")
    print(f"{tag}.write_cache_cpu_s: {time.process_time() - cpu:.1f}")
    print(f"{tag}.cache_mb: {size / 1e6:.1f}")


if __name__ == "__main__":
    main()
