"""Link health, for ``itasite check --links`` only: every external http(s) address of the content is requested
once (HEAD, then GET when the server refuses HEAD), eight at a time, and each one that is broken, moved for good or
not encrypted becomes a warning at its YAML line. Answers are kept for a day in ``.itasite-cache/links.json`` next
to the site configuration. A build never comes here: nothing else of the generator touches the network."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Literal
from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

from generator.check.checker import Checker
from generator.check.links import LINKS_TIMEOUT, link_urls
from generator.errors import Finding
from generator.messages import Lang
from generator.model.site import ORGANISATION_FILE, Site
from generator.model.source import KeyPath, SourceFile

CACHE_FILE = Path(".itasite-cache") / "links.json"
CACHE_TTL = dt.timedelta(hours=24)
WORKERS = 8
MAX_REDIRECTS = 10
REFUSED_HEAD = frozenset({403, 405, 501})
PERMANENT = frozenset({301, 308})
REDIRECTS = PERMANENT | {302, 303, 307}

Failure = Literal["timeout", "name", "connect", "tls", "redirects", "address", "other"]


@dataclass(frozen=True)
class Probe:
    """What one address answered: the final HTTP status (and where a permanent redirect leads), or why nothing
    answered."""

    status: int | None = None
    moved_to: str = ""
    failure: Failure | None = None
    detail: str = ""


Fetch = Callable[[str, float], Probe]
CacheEntry = tuple[dt.datetime, Probe]


def _user_agent() -> str:
    try:
        return f"itasite/{version('itasite')} (link check)"
    except PackageNotFoundError:
        return "itasite (link check)"


USER_AGENT = _user_agent()


# -- Asking one address --------------------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as answers, so a permanent move can be told from a temporary one."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Message, newurl: str
    ) -> urllib.request.Request | None:
        return None


def probe(url: str, timeout: float = LINKS_TIMEOUT) -> Probe:
    """Request ``url`` with HEAD, following redirects; again with GET when the server refuses HEAD or drops it."""
    answer = _follow(url, "HEAD", timeout)
    if answer.status in REFUSED_HEAD or answer.failure in ("connect", "other"):
        return _follow(url, "GET", timeout)
    return answer


def _follow(url: str, method: str, timeout: float) -> Probe:
    current, moved_to, permanent = url, "", True
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = _request(current, method, timeout)
            if status not in REDIRECTS or not location:
                return Probe(status, moved_to)
            current = urljoin(current, location)
            permanent = permanent and status in PERMANENT  # a temporary hop ends what the link should now say
            moved_to = current if permanent else moved_to
    except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError is an OSError
        return _failed(exc)
    return Probe(failure="redirects")


def _request(url: str, method: str, timeout: float) -> tuple[int, str]:
    """(status, Location) of one request; the body is never read."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(_ascii_url(url), method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return int(response.status), ""
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, exc.headers.get("Location") or ""


def _ascii_url(url: str) -> str:
    """The address as it goes on the wire: the host in IDNA (``xn--``), Thai paths percent-encoded, ``%xx`` kept."""
    parts = urlsplit(urldefrag(url).url)
    netloc = parts.netloc
    if not netloc.isascii():
        host = (parts.hostname or "").encode("idna").decode("ascii")
        netloc = f"{host}:{parts.port}" if parts.port else host
    safe = "/:@!$&'()*+,;=%~"
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe), quote(parts.query, safe + "?"), ""))


def _failed(exc: BaseException) -> Probe:
    reason: object = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    kind: Failure
    if isinstance(reason, TimeoutError):
        kind = "timeout"
    elif isinstance(reason, socket.gaierror):
        kind = "name"
    elif isinstance(reason, ssl.SSLError):
        kind = "tls"
    elif isinstance(reason, str | ValueError):
        kind = "address"
    elif isinstance(reason, OSError):
        kind = "connect"
    else:
        kind = "other"
    return Probe(failure=kind, detail=str(reason))


# -- The cache -----------------------------------------------------------------------------------------------------


def read_cache(path: Path | None) -> dict[str, CacheEntry]:
    """Earlier answers by address, with when they were given; a missing or unreadable cache is an empty one."""
    if path is None:
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["links"]
        return {
            str(url): (dt.datetime.fromisoformat(e["checked"]), Probe(int(e["status"]), str(e.get("moved_to", ""))))
            for url, e in entries.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_cache(path: Path, entries: dict[str, CacheEntry]) -> None:
    """Keep the answers for the next run, in a folder git ignores by itself (it holds a ``.gitignore`` of ``*``)."""
    data = {"links": {url: {"checked": at.isoformat(timespec="seconds"), "status": p.status, "moved_to": p.moved_to}
                      for url, (at, p) in sorted(entries.items())}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# written by itasite check --links\n*\n", encoding="utf-8")
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # a read-only site folder only costs the next run its shortcut


def _fresh(entry: CacheEntry, now: dt.datetime) -> bool:
    try:
        return dt.timedelta(0) <= now - entry[0] < CACHE_TTL
    except TypeError:  # a timestamp without a time zone, written by hand
        return False


# -- The check -----------------------------------------------------------------------------------------------------


def external_links(site: Site) -> Iterator[tuple[SourceFile, KeyPath, str]]:
    """Every http(s) address of the content with where it stands: the links and evidence lists, and the agency's
    website."""
    for key in sorted(site.sources):
        if key.startswith("frameworks/"):
            continue
        for path, url in link_urls(site.sources[key].data):
            if _is_web(url):
                yield site.sources[key], path, url
    website = site.organisation.contact.website
    if website is not None and _is_web(website) and ORGANISATION_FILE in site.sources:
        yield site.sources[ORGANISATION_FILE], ("contact", "website"), website.strip()


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _address(url: str) -> str:
    """What is requested: two links that differ only after ``#`` are one request."""
    return urldefrag(url).url


def check_link_health(
    site: Site,
    lang: Lang = "th",
    *,
    fetch: Fetch = probe,
    timeout: float = LINKS_TIMEOUT,
    cache: Path | None = None,
    now: dt.datetime | None = None,
) -> list[Finding]:
    """A warning for every external link that is broken, moved for good or not https. Each address is asked once,
    unless ``cache`` (a JSON file) holds an answer younger than :data:`CACHE_TTL`; only answers are kept, so an
    address that did not answer (offline, timed out) is asked again next time."""
    now = now or dt.datetime.now(dt.UTC)
    links = list(external_links(site))
    known = {url: entry for url, entry in read_cache(cache).items() if _fresh(entry, now)}
    wanted = sorted({_address(url) for _, _, url in links} - known.keys())
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        asked = dict(zip(wanted, pool.map(lambda url: fetch(url, timeout), wanted), strict=True))
    if cache is not None and asked:
        write_cache(cache, {**known, **{url: (now, p) for url, p in asked.items() if p.status is not None}})
    answers = {**{url: answer for url, (_, answer) in known.items()}, **asked}
    checker = Checker(site, lang)
    for source, path, url in links:
        _report(checker, source, path, url, answers[_address(url)], timeout)
    return checker.findings


def _report(checker: Checker, source: SourceFile, path: KeyPath, url: str, answer: Probe, timeout: float) -> None:
    """At most one warning a link, the most urgent: broken, then moved, then not encrypted."""
    if answer.failure is not None or (answer.status or 0) >= 400:
        th, en = _why_broken(answer, url, timeout)
        checker.warn(source, path, f"ลิงก์เสีย '{url}': {th} ให้ตรวจที่อยู่ หรือใส่ที่อยู่ใหม่ของเอกสาร",
                     f"broken link '{url}': {en}; check the address or give the document's new one")
    elif answer.moved_to:
        checker.warn(source, path, f"ลิงก์ย้ายไปที่ {answer.moved_to} แล้ว (ย้ายถาวร) ให้เปลี่ยน url เป็นที่อยู่ใหม่",
                     f"moved permanently to {answer.moved_to}; change the url to the new address")
    elif url.lower().startswith("http://"):
        secure = "https://" + url[len("http://"):]
        checker.warn(source, path, f"ลิงก์ขึ้นต้นด้วย http:// ซึ่งไม่เข้ารหัส ให้ใช้ {secure} ถ้าเปิดได้",
                     f"http:// is not encrypted; use {secure} if it opens")


def _why_broken(answer: Probe, url: str, timeout: float) -> tuple[str, str]:
    detail = answer.detail
    if answer.failure is None:
        status = answer.status or 0
        try:
            phrase = f" {HTTPStatus(status).phrase}"
        except ValueError:
            phrase = ""
        return f"เซิร์ฟเวอร์ตอบ {status}{phrase}", f"the server answers {status}{phrase}"
    seconds = f"{timeout:g}"
    host = urlsplit(url).hostname or url
    return {
        "timeout": (f"ไม่ตอบภายใน {seconds} วินาที", f"no answer within {seconds} s"),
        "name": (f"ไม่พบชื่อเซิร์ฟเวอร์ {host}", f"no server named {host}"),
        "connect": (f"เชื่อมต่อเซิร์ฟเวอร์ไม่ได้ ({detail})", f"cannot connect ({detail})"),
        "tls": (f"ใบรับรองความปลอดภัย (TLS) ของเว็บไซต์ใช้ไม่ได้ ({detail})", f"the site's TLS certificate is not accepted ({detail})"),
        "redirects": (f"ส่งต่อไปที่อยู่อื่นเกิน {MAX_REDIRECTS} ครั้ง", f"more than {MAX_REDIRECTS} redirects"),
        "address": (f"ที่อยู่ไม่ถูกต้อง ({detail})", f"not a valid address ({detail})"),
        "other": (f"เปิดไม่ได้ ({detail})", f"cannot be opened ({detail})"),
    }[answer.failure]
