"""The portal's cache of its URL sources: the last good copy of each published site's ``data/site.json`` and what
happened when it was last read. Builds and checks read it here, offline; only :mod:`generator.portal.fetch` writes
it, and this module never touches the network.

Layout, beside the portal's ``site_config.yml``::

    portal-cache/<key>/site.json    the last good copy, the bytes as they were read
    portal-cache/<key>/fetch.json   url, last attempt, last good read, status, ETag, Last-Modified, HTTP status, reason

``<key>`` is the source's host and path made safe for any file system, with a short hash of its whole address
(:func:`source_key`). Every write is atomic (a temporary file renamed over the old one), so a build reading the cache
while a fetch writes it sees the old copy or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from generator.messages import Lang, say
from generator.render.opendata import DATA_FORMAT, DATA_VERSION
from generator.thai import DigitStyle, format_date, show_digits
from generator.urls import SITE_JSON

CACHE_DIR = "portal-cache"
SITE_FILE = "site.json"
RECORD_FILE = "fetch.json"
BANGKOK = dt.timezone(dt.timedelta(hours=7))  # Thailand keeps no daylight saving time
_UNSAFE = re.compile(r"[^a-z0-9.-]+")


class SourceStatus(StrEnum):
    """What the last attempt to read a source found (a ``str``: ``status == "ok"`` holds)."""

    ok = "ok"
    down = "down"
    not_itasite = "not-itasite"
    newer_version = "newer-version"
    invalid = "invalid"
    never_fetched = "never-fetched"


class SourceUrlError(ValueError):
    """A source address the portal does not read: not http(s), no host, credentials, a query or a fragment."""


@dataclass(frozen=True)
class CachedSource:
    """One URL source as a build sees it: the status of its last read, the reason in words for a clerk and a citizen
    (in the asked language), and the last good copy of its ``site.json`` (kept when a later read fails)."""

    url: str
    status: SourceStatus
    reason: str
    data: dict[str, Any] | None
    fetched_at: dt.datetime | None
    """The last attempt to read it (timezone-aware, UTC), whatever came of it."""
    good_at: dt.datetime | None
    """The last time it answered with good data or confirmed the copy held here (a 304)."""
    data_url: str | None = None
    """The address the good copy was read from, after redirects: its relative addresses resolve against it."""
    http_status: int | None = None
    problem: str | None = None
    """What went wrong, as a stable word (``timeout``, ``refused``, ``html``, …), for tests and tools; never shown."""

    @property
    def stale(self) -> bool:
        """A copy is shown, but the last read did not confirm it."""
        return self.data is not None and self.status is not SourceStatus.ok


@dataclass(frozen=True)
class FetchRecord:
    """The contents of ``fetch.json``."""

    url: str
    status: SourceStatus
    problem: str | None = None
    attempted_at: dt.datetime | None = None
    good_at: dt.datetime | None = None
    data_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    found_version: int | None = None
    sha256: str | None = None
    """Of the good copy in ``site.json``: a copy changed or cut short after it was written is not trusted."""


@dataclass(frozen=True)
class Verdict:
    """What a fetched document is: ``ok`` with its data, or why not."""

    status: SourceStatus
    problem: str | None = None
    data: dict[str, Any] | None = None
    found_version: int | None = None


# -- addresses and keys ------------------------------------------------------------------------------------------------


def normalise_source_url(url: str, lang: Lang = "th") -> str:
    """A source's address as the portal keys and reads it: http(s) with a host, scheme and host in lower case, the
    path ending in ``/`` (the site's root; ``data/site.json`` is read under it). Anything else is refused with
    :class:`SourceUrlError`, before any request."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise SourceUrlError(say(lang, f"ที่อยู่ {text!r} ไม่ถูกต้อง", f"{text!r} is not a valid address")) from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SourceUrlError(say(lang, f"ที่อยู่ {text!r} ต้องขึ้นต้นด้วย https:// หรือ http:// และมีชื่อเว็บไซต์",
                                 f"{text!r} must be an https:// or http:// address with a host name"))
    if "@" in parts.netloc:
        raise SourceUrlError(say(lang, f"ที่อยู่ {text!r} มีชื่อผู้ใช้หรือรหัสผ่าน ซึ่งจะถูกบันทึกและเปิดเผย: ให้ใส่เฉพาะที่อยู่เว็บไซต์",
                                 f"{text!r} holds a user name or password, which would be stored and shown: give the site's address only"))
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise SourceUrlError(say(lang, f"ที่อยู่ {text!r} ต้องเป็นที่อยู่หน้าแรกของเว็บไซต์ ไม่มี ? หรือ #",
                                 f"{text!r} must be the site's home address, without ? or #"))
    if any(c.isspace() or ord(c) < 32 for c in text):
        raise SourceUrlError(say(lang, f"ที่อยู่ {text!r} มีช่องว่างหรืออักขระควบคุม", f"{text!r} contains spaces or control characters"))
    host = parts.hostname
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port is not None else "")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, "", ""))


def data_address(url: str) -> str:
    """Where a source publishes its data: ``<site>/data/site.json``."""
    return normalise_source_url(url) + SITE_JSON


def source_key(url: str) -> str:
    """A stable folder name for a source: its host (and port) and path, readable and safe on any file system,
    with 10 hex digits of the SHA-256 of the whole address (two addresses that read alike stay apart)."""
    normal = normalise_source_url(url)
    parts = urlsplit(normal)
    host = parts.hostname or ""
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")  # a Thai domain (.ไทย) stays readable as its xn-- form
    named = "-".join(p for p in (host, str(parts.port or ""), parts.path.strip("/")) if p)
    readable = re.sub(r"\.{2,}", ".", _UNSAFE.sub("-", named.lower())).strip("-.")[:60].strip("-.") or "site"
    return f"{readable}-{hashlib.sha256(normal.encode('utf-8')).hexdigest()[:10]}"


def source_folder(portal_folder: Path, url: str) -> Path:
    return portal_folder / CACHE_DIR / source_key(url)


# -- judging a document ----------------------------------------------------------------------------------------


def _no_constants(name: str) -> Any:
    raise ValueError(f"not JSON: {name}")


def judge_document(body: bytes, content_type: str | None = None) -> Verdict:
    """Whether ``body`` is an itasite site's ``data/site.json`` the portal can read: JSON with the itasite format, a
    version this program knows (a newer one is refused, never misread), an organisation with a name and a list of
    years. A web page, or JSON of another kind, is ``not-itasite``; the format with missing parts is ``invalid``."""
    head = body.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()[:512].lower()
    if head.startswith(b"<") or (content_type or "").lower().startswith("text/html"):
        return Verdict(SourceStatus.not_itasite, "html")
    try:
        data = json.loads(body, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        return Verdict(SourceStatus.invalid, "broken-json") if head.startswith(b"{") else Verdict(SourceStatus.not_itasite, "not-json")
    if not isinstance(data, dict) or data.get("format") != DATA_FORMAT:
        return Verdict(SourceStatus.not_itasite, "other-json")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return Verdict(SourceStatus.invalid, "version")
    if version > DATA_VERSION:
        return Verdict(SourceStatus.newer_version, "newer-version", found_version=version)
    problem = _shape_problem(data)
    if problem:
        return Verdict(SourceStatus.invalid, problem, found_version=version)
    return Verdict(SourceStatus.ok, data=data, found_version=version)


def _shape_problem(data: dict[str, Any]) -> str | None:
    """The first part a portal needs that the document lacks: the organisation's name, or the years."""
    organisation = data.get("organisation")
    if not isinstance(organisation, dict) or not isinstance(organisation.get("name"), str) or not organisation["name"].strip():
        return "organisation"
    years = data.get("years")
    if not isinstance(years, list):
        return "years"
    for entry in years:
        if not isinstance(entry, dict):
            return "years"
        year = entry.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 2400 <= year <= 2800:
            return "years"
        if any(entry.get(part) is not None and not isinstance(entry[part], dict) for part in ("result", "measures", "oit", "framework")):
            return "years"
    return None


# -- reading ----------------------------------------------------------------------------------------------


def read_record(folder: Path) -> FetchRecord | None:
    """``fetch.json`` of a source folder, or None when there is none (or it cannot be read: the source is then
    read again as if for the first time)."""
    try:
        raw = json.loads((folder / RECORD_FILE).read_bytes())
        return FetchRecord(
            url=str(raw["url"]), status=SourceStatus(raw["status"]), problem=_str(raw.get("problem")),
            attempted_at=_time(raw.get("attempted_at")), good_at=_time(raw.get("good_at")), data_url=_str(raw.get("data_url")),
            etag=_str(raw.get("etag")), last_modified=_str(raw.get("last_modified")), http_status=_int(raw.get("http_status")),
            found_version=_int(raw.get("found_version")), sha256=_str(raw.get("sha256")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def read_good_copy(folder: Path, record: FetchRecord) -> Verdict | None:
    """The last good copy judged again (a newer program, or a copy changed on disk, can no longer trust it), or None
    when there is none."""
    if record.good_at is None:
        return None
    try:
        body = (folder / SITE_FILE).read_bytes()
    except OSError:
        return Verdict(SourceStatus.invalid, "damaged-copy")
    if record.sha256 is not None and hashlib.sha256(body).hexdigest() != record.sha256:
        return Verdict(SourceStatus.invalid, "damaged-copy")
    return judge_document(body)


def read_cached(portal_folder: Path, url: str, *, lang: Lang = "th", digits: DigitStyle = "thai") -> CachedSource:
    """A URL source as the portal's cache holds it: never touches the network. A source never read is
    ``never-fetched``; a failed read keeps the last good copy in ``data`` and says so in ``reason``; an address the
    portal does not read (not http(s), credentials, a query) is ``invalid`` with the refusal as its reason."""
    try:
        normal = normalise_source_url(url, lang)
    except SourceUrlError as exc:
        return refused_address(url, exc)
    folder = source_folder(portal_folder, normal)
    record = read_record(folder)
    if record is None or record.url != normal:
        record = FetchRecord(url=normal, status=SourceStatus.never_fetched)
        return CachedSource(normal, record.status, describe(record, False, lang, digits), None, None, None)
    copy = read_good_copy(folder, record)
    data = copy.data if copy is not None else None
    if copy is not None and copy.status is not SourceStatus.ok:
        # the copy held here no longer passes (changed on disk, or from a newer itasite than this one)
        if record.status is SourceStatus.ok:
            record = replace(record, status=copy.status, problem=copy.problem, found_version=copy.found_version)
        else:
            record = replace(record, good_at=None)
    return CachedSource(
        url=normal, status=record.status, reason=describe(record, data is not None, lang, digits), data=data,
        fetched_at=record.attempted_at, good_at=record.good_at, data_url=record.data_url if data is not None else None,
        http_status=record.http_status, problem=record.problem,
    )


def refused_address(url: str, error: SourceUrlError) -> CachedSource:
    """A source whose address is refused: nothing is read or written for it."""
    return CachedSource(url, SourceStatus.invalid, str(error), None, None, None, problem="address")


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# -- reasons ----------------------------------------------------------------------------------------------


def format_moment(moment: dt.datetime, lang: Lang, digits: DigitStyle = "thai") -> str:
    """``๗ ธันวาคม ๒๕๖๙ เวลา ๑๖.๔๙ น.`` (Thai time) or ``7 December 2026, 16:49 Thai time``."""
    local = moment.astimezone(BANGKOK)
    if lang == "en":
        return f"{local.day} {local:%B %Y}, {local:%H:%M} Thai time"
    return f"{format_date(local.date(), 'long', digits)} เวลา {show_digits(f'{local:%H.%M}', digits)} น."


def _failure(record: FetchRecord, lang: Lang) -> str:
    """What the last read found, in words: which address, and what it did."""
    url, page = record.url, record.data_url or data_address(record.url)
    code = record.http_status
    problem = record.problem or ""
    if problem == "timeout":
        return say(lang, f"เว็บไซต์ {url} ไม่ตอบภายในเวลาที่กำหนด", f"{url} did not answer in time")
    if problem in ("refused", "network", "dns"):
        if problem == "dns":
            return say(lang, f"ไม่พบเว็บไซต์ {url} (ไม่มีชื่อเว็บไซต์นี้ หรือระบบค้นหาชื่อเว็บไซต์ไม่ตอบ)", f"{url}: the host name was not found")
        return say(lang, f"ติดต่อเว็บไซต์ {url} ไม่ได้", f"{url} could not be reached")
    if problem == "tls":
        return say(lang, f"ใบรับรองความปลอดภัยของเว็บไซต์ {url} ไม่ถูกต้อง จึงไม่อ่านข้อมูล",
                   f"{url}: its security certificate is not valid, so nothing was read")
    if problem == "server":
        return say(lang, f"เว็บไซต์ {url} ขัดข้อง", f"{url} answered with a server error (HTTP {code})")
    if problem == "refused-read":
        return say(lang, f"เว็บไซต์ {url} ไม่อนุญาตให้อ่านข้อมูลเปิด", f"{url} refused to give its open data (HTTP {code})")
    if problem == "not-found":
        return say(lang, f"ไม่พบข้อมูลเปิดของหน่วยงานที่ {page}", f"no open data at {page} (HTTP {code})")
    if problem == "too-large":
        return say(lang, f"ข้อมูลจาก {page} มีขนาดใหญ่เกินกำหนด จึงไม่อ่าน", f"{page} is larger than the limit, so it was not read")
    if problem == "bad-redirect":
        return say(lang, f"เว็บไซต์ {url} ส่งต่อไปยังที่อยู่ที่ไม่ใช่เว็บไซต์ (http หรือ https) จึงไม่อ่านต่อ",
                   f"{url} redirected to an address that is not http(s), which was not followed")
    if problem == "too-many-redirects":
        return say(lang, f"เว็บไซต์ {url} ส่งต่อไปยังที่อยู่อื่นซ้ำหลายครั้งเกินไป", f"{url} redirected too many times")
    if problem == "bad-answer":
        return say(lang, f"เว็บไซต์ {url} ตอบกลับไม่สมบูรณ์", f"{url} sent an incomplete or malformed answer")
    if problem == "html":
        return say(lang, f"ที่อยู่ {page} เป็นหน้าเว็บทั่วไป ไม่ใช่ข้อมูลเปิดในรูปแบบที่เว็บไซต์นี้อ่านได้",
                   f"{page} is a web page, not an itasite site's open data")
    if problem in ("not-json", "other-json"):
        return say(lang, f"ข้อมูลที่ {page} ไม่ใช่ข้อมูลเปิดในรูปแบบที่เว็บไซต์นี้อ่านได้", f"{page} is not an itasite site's open data")
    if problem == "newer-version":
        found = f" ({record.found_version} > {DATA_VERSION})" if record.found_version else ""
        return say(lang, f"ข้อมูลจาก {page} ใช้รูปแบบรุ่นใหม่กว่าที่เว็บไซต์นี้อ่านได้ ต้องปรับรุ่นโปรแกรมของเว็บไซต์นี้ก่อน",
                   f"{page} uses a newer data version than this program reads{found}: update itasite")
    if problem == "organisation":
        return say(lang, f"ข้อมูลจาก {page} ไม่มีชื่อหน่วยงาน", f"{page} has no organisation name")
    if problem == "years":
        return say(lang, f"ข้อมูลจาก {page} ไม่มีรายการปีงบประมาณที่อ่านได้", f"{page} has no readable list of years")
    if problem == "damaged-copy":
        return say(lang, f"สำเนาข้อมูลของ {url} ที่เก็บไว้เสียหาย", f"the stored copy of {url} is damaged")
    return say(lang, f"ข้อมูลจาก {page} ไม่ครบถ้วนหรือเสียหาย", f"{page} is incomplete or damaged")


def describe(record: FetchRecord, has_copy: bool, lang: Lang = "th", digits: DigitStyle = "thai") -> str:
    """The reason a build shows for a source: what the last read found and when, and which copy is shown."""
    if record.status is SourceStatus.never_fetched:
        return say(lang, f"ยังไม่ได้อ่านข้อมูลจากเว็บไซต์ {record.url}", f"{record.url} has not been read yet")
    if record.status is SourceStatus.ok and record.good_at is not None:
        when = format_moment(record.good_at, lang, digits)
        return say(lang, f"อ่านข้อมูลจากเว็บไซต์ {record.url} ล่าสุดเมื่อ {when}", f"{record.url} was last read on {when}")
    text = _failure(record, lang)
    if record.attempted_at is not None:
        text += say(lang, f" เมื่อ {format_moment(record.attempted_at, lang, digits)}",
                    f" on {format_moment(record.attempted_at, lang, digits)}")
    if has_copy and record.good_at is not None:
        when = format_moment(record.good_at, lang, digits)
        return text + say(lang, f" จึงแสดงข้อมูลที่อ่านได้ล่าสุดเมื่อ {when}", f"; showing the copy last read on {when}")
    return text + say(lang, " และยังไม่เคยอ่านข้อมูลได้", "; it has never been read")


# -- writing ------------------------------------------------------------------------------------------------


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z") if moment else None


def record_json(record: FetchRecord) -> bytes:
    """``fetch.json``: fixed key order, so the same record is always the same bytes."""
    has_copy = record.good_at is not None
    fields = {
        "url": record.url, "status": record.status.value, "problem": record.problem,
        "reason": describe(record, has_copy, "th"), "attempted_at": _iso(record.attempted_at), "good_at": _iso(record.good_at),
        "data_url": record.data_url, "http_status": record.http_status, "etag": record.etag,
        "last_modified": record.last_modified, "found_version": record.found_version, "sha256": record.sha256,
    }
    return (json.dumps(fields, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all: a temporary file in the same folder, renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def store_source(portal_folder: Path, record: FetchRecord, body: bytes | None = None) -> None:
    """Write a source's record, and with ``body`` its new good copy first (the record names the copy's SHA-256, so
    a copy without its record is never trusted)."""
    folder = source_folder(portal_folder, record.url)
    if body is not None:
        record = replace(record, sha256=hashlib.sha256(body).hexdigest())
        write_atomic(folder / SITE_FILE, body)
    write_atomic(folder / RECORD_FILE, record_json(record))
