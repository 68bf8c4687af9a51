"""Reading the portal's URL sources from the network into its cache (:mod:`generator.portal.cache`): only when asked
(``itasite portal fetch``), never during a build or a check.

Each source's ``<url>data/site.json`` is requested with a time limit on the whole answer, retried with a growing
pause on a connection failure or a server error (5xx, not 4xx), conditionally (``If-None-Match`` /
``If-Modified-Since`` from the last good read, so an unchanged site answers 304 and sends nothing), a few sources at a
time, refusing a body over a size limit and any redirect that leaves http(s). A failed read keeps the last good copy.
The standard library does it all (urllib, concurrent.futures): nothing to install, nothing downloaded at run time.
"""

from __future__ import annotations

import datetime as dt
import http.client
import importlib.metadata
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

from generator.messages import Lang, say
from generator.portal.cache import (
    CachedSource,
    FetchRecord,
    SourceStatus,
    SourceUrlError,
    data_address,
    judge_document,
    normalise_source_url,
    read_cached,
    read_good_copy,
    read_record,
    refused_address,
    source_folder,
    store_source,
)

MAX_BYTES = 32 * 1024 * 1024
"""The largest ``site.json`` read (after decompression). An organisation's eight years are about 1 MB."""
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
BACKOFF = 0.5
"""Seconds before the first retry; each further retry waits twice as long."""
Clock = Callable[[], dt.datetime]


def _user_agent() -> str:
    try:
        version = importlib.metadata.version("itasite")
    except importlib.metadata.PackageNotFoundError:
        version = "dev"
    return f"itasite/{version} (portal)"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# -- one request -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What one request brought: an HTTP status with its body (200) or none (304), or a failure."""

    http_status: int | None
    body: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    problem: str | None = None
    retry: bool = False

    @property
    def failed(self) -> bool:
        return self.problem is not None


class _RedirectRefused(urllib.error.URLError):
    pass


class _HttpRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http(s), at most :data:`MAX_REDIRECTS` times (urllib itself would follow ftp)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self, req: urllib.request.Request, fp: object, code: int, msg: str, headers: Message, newurl: str
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise _RedirectRefused(f"redirect to {newurl!r} refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def _opener() -> urllib.request.OpenerDirector:
    """urllib's opener with the proxy of the environment (``https_proxy``, ``no_proxy``), as curl and pip use it,
    and the redirect rule above; certificates are checked as the system trusts them."""
    return urllib.request.build_opener(_HttpRedirects())


def _read_body(response: http.client.HTTPResponse, deadline: float, limit: int) -> bytes | None:
    """The body, decompressed when gzip; None when it grows over ``limit``. Raises TimeoutError past ``deadline``
    (a server sending a byte now and then is cut off, not waited for)."""
    declared = response.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > limit and not response.headers.get("Content-Encoding"):
        return None
    gzipped = (response.headers.get("Content-Encoding") or "").strip().lower() in ("gzip", "x-gzip")
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    parts: list[bytes] = []
    size = 0
    for received in _chunks(response, deadline):
        # a small gzip that inflates hugely stops at the limit
        chunk = inflate.decompress(received, limit + 1 - size) if inflate is not None else received
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
    if inflate is not None:
        rest = inflate.flush()
        if size + len(rest) > limit:
            return None
        parts.append(rest)
    return b"".join(parts)


def _chunks(response: http.client.HTTPResponse, deadline: float) -> Iterator[bytes]:
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError("the answer took longer than the time limit")
        chunk = response.read1(CHUNK)
        if not chunk:
            return
        yield chunk


def request_once(url: str, record: FetchRecord | None, timeout: float, max_bytes: int) -> Answer:
    """One GET of ``url`` (conditional when ``record`` holds a good copy's ETag or Last-Modified)."""
    headers = {"User-Agent": _user_agent(), "Accept": "application/json", "Accept-Encoding": "gzip"}
    if record is not None:
        if record.etag:
            headers["If-None-Match"] = record.etag
        if record.last_modified:
            headers["If-Modified-Since"] = record.last_modified
    request = urllib.request.Request(url, headers=headers, method="GET")
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            body = _read_body(response, deadline, max_bytes)
            final = response.geturl()
            if body is None:
                return Answer(response.status, final_url=final, problem="too-large")
            return Answer(
                response.status, body, response.headers.get("Content-Type"), response.headers.get("ETag"),
                response.headers.get("Last-Modified"), final,
            )
    except urllib.error.HTTPError as exc:
        exc.close()
        return _http_error(exc)
    except _RedirectRefused:
        return Answer(None, problem="bad-redirect")
    except urllib.error.URLError as exc:
        return _network_error(exc.reason)
    except (TimeoutError, OSError, http.client.HTTPException, ValueError) as exc:
        return _network_error(exc)
    except zlib.error:
        return Answer(None, problem="bad-answer")


def _http_error(exc: urllib.error.HTTPError) -> Answer:
    code = exc.code
    if code == 304:
        return Answer(304, etag=exc.headers.get("ETag"), last_modified=exc.headers.get("Last-Modified"), final_url=exc.geturl())
    if 300 <= code < 400:
        return Answer(code, problem="too-many-redirects")
    if code in (404, 410):
        return Answer(code, problem="not-found")
    if code in (408, 429) or code >= 500:
        return Answer(code, problem="server", retry=True)
    return Answer(code, problem="refused-read")


def _network_error(reason: object) -> Answer:
    if isinstance(reason, ssl.SSLCertVerificationError):
        return Answer(None, problem="tls")
    if isinstance(reason, TimeoutError):
        return Answer(None, problem="timeout", retry=True)
    if isinstance(reason, socket.gaierror):
        return Answer(None, problem="dns", retry=True)
    if isinstance(reason, ConnectionRefusedError):
        return Answer(None, problem="refused", retry=True)
    if isinstance(reason, http.client.HTTPException | ConnectionError):
        return Answer(None, problem="bad-answer", retry=True)
    if isinstance(reason, ssl.SSLError):
        return Answer(None, problem="tls")
    return Answer(None, problem="network", retry=True)


# -- one source ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FetchSettings:
    timeout: float
    retries: int
    max_bytes: int
    backoff: float
    clock: Clock
    lang: Lang


def request_with_retries(url: str, record: FetchRecord | None, settings: FetchSettings) -> Answer:
    """Up to ``1 + retries`` requests: again after a connection failure, a time-out or a server error, with a pause
    of ``backoff``, then twice as long, and so on; never again after a 4xx or a refused redirect."""
    answer = request_once(url, record, settings.timeout, settings.max_bytes)
    for attempt in range(max(0, settings.retries)):
        if not answer.retry:
            break
        time.sleep(settings.backoff * 2**attempt)
        answer = request_once(url, record, settings.timeout, settings.max_bytes)
    return answer


def fetch_source(url: str, portal_folder: Path, settings: FetchSettings) -> CachedSource:
    """Read one source into the cache and return it as a build will see it."""
    record = read_record(source_folder(portal_folder, url))
    if record is not None and record.url != url:
        record = None
    copy = read_good_copy(source_folder(portal_folder, url), record) if record is not None else None
    has_copy = copy is not None and copy.status is SourceStatus.ok
    previous = record or FetchRecord(url=url, status=SourceStatus.never_fetched)
    if not has_copy:  # nothing to compare with: ask for the whole document
        previous = replace(previous, etag=None, last_modified=None, good_at=None, data_url=None, sha256=None)
    answer = request_with_retries(data_address(url), previous if has_copy else None, settings)
    now = settings.clock()
    attempt = replace(previous, attempted_at=now, http_status=answer.http_status, found_version=None)
    body: bytes | None = None
    if answer.failed:
        attempt = replace(attempt, status=SourceStatus.not_itasite if answer.problem == "not-found" else SourceStatus.down,
                          problem=answer.problem)
    elif answer.http_status == 304 and has_copy:
        attempt = replace(attempt, status=SourceStatus.ok, problem=None, good_at=now,
                          etag=answer.etag or previous.etag, last_modified=answer.last_modified or previous.last_modified)
    elif answer.http_status == 304 or answer.body is None:  # a 304 to an unconditional request: the server is confused
        attempt = replace(attempt, status=SourceStatus.down, problem="bad-answer")
    else:
        verdict = judge_document(answer.body, answer.content_type)
        if verdict.status is SourceStatus.ok:
            body = answer.body
            attempt = replace(attempt, status=SourceStatus.ok, problem=None, good_at=now, data_url=answer.final_url,
                              etag=answer.etag, last_modified=answer.last_modified)
        else:
            attempt = replace(attempt, status=verdict.status, problem=verdict.problem, found_version=verdict.found_version)
    store_source(portal_folder, attempt, body)
    return read_cached(portal_folder, url, lang=settings.lang)


def fetch_sources(
    urls: Sequence[str],
    portal_folder: Path,
    *,
    timeout: float = 10.0,
    retries: int = 2,
    concurrency: int = 8,
    max_bytes: int = MAX_BYTES,
    backoff: float = BACKOFF,
    lang: Lang = "th",
    clock: Clock = utc_now,
    on_done: Callable[[CachedSource], None] | None = None,
) -> list[CachedSource]:
    """Read every source's ``data/site.json`` into ``portal_folder/portal-cache/``, at most ``concurrency`` at a
    time, each request within ``timeout`` seconds; returns each source as :func:`read_cached` then reads it, in the
    order given (an address given twice is read once). ``on_done`` is called, in this thread, as each source is done.
    An address that is not a plain http(s) site address is never requested: it comes back ``invalid``, saying why."""
    normal: list[str] = []
    done: dict[str, CachedSource] = {}
    for url in urls:
        try:
            normal.append(normalise_source_url(url, lang))
        except SourceUrlError as exc:
            normal.append(url)
            done[url] = refused_address(url, exc)
    settings = FetchSettings(timeout, retries, max_bytes, backoff, clock, lang)
    wanted = [url for url in dict.fromkeys(normal) if url not in done]
    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="itasite-fetch") as pool:
        futures = {pool.submit(fetch_source, url, portal_folder, settings): url for url in wanted}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            if on_done is not None:
                on_done(done[futures[future]])
    return [done[url] for url in normal]


# -- what the command says --------------------------------------------------------------------------------------


def summarise(sources: Sequence[CachedSource], lang: Lang = "th") -> list[str]:
    """Lines for ``itasite portal fetch``: one per source that could not be read (with its reason), then the count."""
    lines = [f"{s.url}: {s.reason}" for s in sources if s.status is not SourceStatus.ok]
    good = sum(1 for s in sources if s.status is SourceStatus.ok)
    lines.append(say(lang, f"อ่านข้อมูลได้ {good} จาก {len(sources)} เว็บไซต์", f"{good} of {len(sources)} sites read"))
    return lines
