"""The portal's network side (generator/portal/fetch.py) and its offline cache (generator/portal/cache.py), against a
real HTTP server on 127.0.0.1.

The served organisations are the shipped examples' ``data/site.json``, rendered in-process by
:func:`generator.render.opendata.render_open_data`: the very function ``itasite build`` writes ``data/`` with, so the
bytes are the ones a built example publishes, in under a second instead of four MkDocs builds (which the end-to-end
tests already run); what is tested here is the reading, not the building.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import http.server
import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from generator.pipeline import check_content
from generator.portal.cache import (
    CACHE_DIR,
    RECORD_FILE,
    SITE_FILE,
    SourceStatus,
    SourceUrlError,
    judge_document,
    normalise_source_url,
    read_cached,
    source_folder,
    source_key,
)
from generator.portal.fetch import fetch_sources, summarise
from generator.render.opendata import DATA_VERSION, render_open_data
from generator.urls import SITE_JSON
from tools.browser import in_background

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("talad-sai", "pak-chong", "kong-koi", "muang-mu")
# A time limit that a loopback answer meets even on a loaded machine (a good source timed out at 0.5 s under load),
# and how long the slow servers below would take: far past it, so what is cut is cut by the limit, never by chance.
FAST = {"timeout": 2.0, "retries": 0, "backoff": 0.01}
STALL = 30.0
LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def published() -> dict[str, bytes]:
    """Each example's ``data/site.json`` as its built site publishes it, and its organisation name."""
    files = {}
    for name in EXAMPLES:
        folder = ROOT / "examples" / name
        site, findings = check_content(folder / "content", folder)
        assert site is not None, [f.format() for f in findings]
        files[name] = render_open_data(site)[SITE_JSON].encode("utf-8")
    return files


@dataclass
class Behaviour:
    """What the test server does, and what it saw."""

    documents: dict[str, bytes]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    active: int = 0
    most_active: int = 0


def etag_of(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:16]}"'


def make_handler(state: Behaviour) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def handle(self) -> None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up on a slow answer
                super().handle()

        def send(self, code: int, body: bytes, content_type: str = "application/json", **headers: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path
            with state.lock:
                state.requests.append((path, dict(self.headers.items())))
                state.hits[path] = state.hits.get(path, 0) + 1
                hits = state.hits[path]
            kind = path.strip("/").split("/")[0]
            if not path.endswith("/data/site.json"):
                self.send(404, b"not found", "text/plain")
            elif kind in state.failing:
                self.send(503, b"down for maintenance", "text/plain")
            elif kind == "org":
                self.serve_document(state.documents[path.split("/")[2]])
            elif kind == "slow":
                time.sleep(STALL)  # the client gives up first; the answer goes to a closed connection
                self.serve_document(state.documents["talad-sai"])
            elif kind == "garbage":
                self.send(200, bytes(range(256)) * 8, "application/octet-stream")
            elif kind == "html":  # a content system answering every address with its home page
                self.send(200, "<!doctype html><html lang=th><title>หน้าแรก</title><p>ยินดีต้อนรับ</p></html>".encode(), "text/html")
            elif kind == "newer":
                later = {"format": "itasite-site", "version": DATA_VERSION + 1, "organisation": "renamed", "years": {}}
                self.send(200, json.dumps(later).encode())
            elif kind == "invalid":
                self.send(200, json.dumps({"format": "itasite-site", "version": 1, "organisation": {"name": " "}, "years": []}).encode())
            elif kind == "flaky":
                if hits == 1:
                    self.send(500, b"internal error", "text/plain")
                else:
                    self.serve_document(state.documents["pak-chong"])
            elif kind == "missing":
                self.send(404, b"<html>not found</html>", "text/html")
            elif kind == "busy":
                with state.lock:
                    state.active += 1
                    state.most_active = max(state.most_active, state.active)
                time.sleep(0.3)
                with state.lock:
                    state.active -= 1
                self.serve_document(state.documents["kong-koi"])
            elif kind == "ftp":
                self.send(302, b"", "text/plain", Location="ftp://127.0.0.1/data/site.json")
            elif kind == "moved":
                self.send(301, b"", "text/plain", Location="/org/muang-mu/data/site.json")
            elif kind == "loop":
                self.send(302, b"", "text/plain", Location=path)
            elif kind == "big":
                self.send(200, b" " * 5000 + state.documents["talad-sai"])
            elif kind == "chunked-big":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()  # HTTP/1.0 without a length: the body runs until the connection closes
                for _ in range(200):
                    self.wfile.write(b" " * 1024)
            elif kind == "gzip":
                self.send(200, gzip.compress(state.documents["kong-koi"]), Content_Encoding="gzip")
            elif kind == "bomb":
                self.send(200, gzip.compress(b" " * 20_000_000), Content_Encoding="gzip")
            elif kind == "trickle":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                for _ in range(int(STALL * 10)):  # until the client closes the connection (a broken pipe)
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            else:
                self.send(404, b"unknown", "text/plain")

        def serve_document(self, body: bytes) -> None:
            tag = etag_of(body)
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return
            self.send(200, body, ETag=tag, Last_Modified="Mon, 07 Dec 2026 01:00:00 GMT")

    return Handler


@pytest.fixture(scope="module")
def running(published: dict[str, bytes]) -> Iterator[tuple[str, Behaviour]]:
    state = Behaviour(dict(published))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    httpd.daemon_threads = True
    with in_background(httpd) as base:
        yield base, state


@pytest.fixture()
def server(running: tuple[str, Behaviour], published: dict[str, bytes]) -> tuple[str, Behaviour]:
    """The module's server, its behaviour and records fresh for each test."""
    base, state = running
    with state.lock:
        fresh = Behaviour(dict(published))
        for name in ("documents", "requests", "hits", "failing", "active", "most_active"):
            setattr(state, name, getattr(fresh, name))
    return base, state


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy of the machine running the tests must not stand between them and 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture()
def closed_port() -> str:
    """An address nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def org_name(data: bytes) -> str:
    return str(json.loads(data)["organisation"]["name"])


def thai_words_only(reason: str, *addresses: str) -> None:
    """A reason a citizen reads: Thai words around the addresses it names, no codes or English in between."""
    rest = reason
    for address in sorted(addresses, key=len, reverse=True):
        rest = rest.replace(address, "")
    assert not LATIN.search(rest), reason
    assert not re.search(r"\b[0-9]{3}\b", rest), reason


# -- the mix in one fetch ---------------------------------------------------------------------------------


def test_examples_are_read_and_the_down_slow_garbage_html_and_newer_sources_say_why(
    server: tuple[str, Behaviour], closed_port: str, published: dict[str, bytes], tmp_path: Path
) -> None:
    base, _ = server
    examples = [f"{base}org/{name}/" for name in EXAMPLES]
    others = [closed_port, f"{base}slow/", f"{base}garbage/", f"{base}html/", f"{base}newer/", f"{base}invalid/"]

    started = time.monotonic()
    sources = fetch_sources(examples + others, tmp_path, **FAST)
    elapsed = time.monotonic() - started

    assert [s.url for s in sources] == examples + others
    assert [s.status for s in sources] == [SourceStatus.ok] * 4 + [
        SourceStatus.down, SourceStatus.down, SourceStatus.not_itasite, SourceStatus.not_itasite,
        SourceStatus.newer_version, SourceStatus.invalid,
    ]
    for name, source in zip(EXAMPLES, sources, strict=False):
        assert source.data is not None and source.data["organisation"]["name"] == org_name(published[name])
        assert (source_folder(tmp_path, source.url) / SITE_FILE).read_bytes() == published[name]  # bytes as fetched
        assert source.data_url == f"{source.url}data/site.json"
        assert source.good_at is not None and source.good_at.tzinfo is not None
    down, slow, garbage, html, newer, invalid = sources[4:]
    assert (down.problem, slow.problem, garbage.problem, html.problem) == ("refused", "timeout", "not-json", "html")
    assert all(s.data is None and s.good_at is None and s.fetched_at is not None for s in sources[4:])
    assert down.reason.startswith(f"ติดต่อเว็บไซต์ {closed_port} ไม่ได้ เมื่อ ")
    assert down.reason.endswith("และยังไม่เคยอ่านข้อมูลได้")
    assert slow.reason.startswith(f"เว็บไซต์ {base}slow/ ไม่ตอบภายในเวลาที่กำหนด")
    assert "เป็นหน้าเว็บทั่วไป" in html.reason
    assert "รูปแบบรุ่นใหม่กว่า" in newer.reason
    assert "ไม่มีชื่อหน่วยงาน" in invalid.reason
    for source in sources:
        thai_words_only(source.reason, source.url, f"{source.url}data/site.json")
    assert elapsed < STALL / 2  # the slow one is cut at its time limit (2 s), in parallel with the others


def test_a_newer_version_is_refused_whatever_else_it_holds(server: tuple[str, Behaviour], tmp_path: Path) -> None:
    base, _ = server

    [source] = fetch_sources([f"{base}newer/"], tmp_path, **FAST)

    assert source.status == "newer-version" and source.data is None
    record = json.loads((source_folder(tmp_path, source.url) / RECORD_FILE).read_text(encoding="utf-8"))
    assert record["found_version"] == DATA_VERSION + 1
    assert not (source_folder(tmp_path, source.url) / SITE_FILE).exists()


# -- conditional requests, retries, the last good copy --------------------------------------------------------------


def test_an_unchanged_source_answers_304_to_the_etag_it_gave_and_keeps_the_copy(
    server: tuple[str, Behaviour], published: dict[str, bytes], tmp_path: Path
) -> None:
    base, state = server
    url = f"{base}org/talad-sai/"
    first_clock = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)
    later_clock = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)

    [first] = fetch_sources([url], tmp_path, clock=lambda: first_clock, **FAST)
    [second] = fetch_sources([url], tmp_path, clock=lambda: later_clock, **FAST)

    (_, plain), (_, conditional) = state.requests
    assert "If-None-Match" not in plain
    assert conditional["If-None-Match"] == etag_of(published["talad-sai"])
    assert conditional["If-Modified-Since"] == "Mon, 07 Dec 2026 01:00:00 GMT"
    assert first.status == second.status == "ok" and second.http_status == 304
    assert second.data == first.data and second.fetched_at == second.good_at == later_clock
    assert (source_folder(tmp_path, url) / SITE_FILE).read_bytes() == published["talad-sai"]
    assert second.reason == f"อ่านข้อมูลจากเว็บไซต์ {url} ล่าสุดเมื่อ ๗ ธันวาคม ๒๕๖๙ เวลา ๑๐.๐๐ น."


def test_a_server_error_is_retried_and_the_second_answer_counts(server: tuple[str, Behaviour], tmp_path: Path) -> None:
    base, state = server

    [source] = fetch_sources([f"{base}flaky/"], tmp_path, timeout=2, retries=2, backoff=0.01)

    assert source.status == "ok" and source.http_status == 200
    assert state.hits["/flaky/data/site.json"] == 2


def test_a_4xx_is_not_retried_and_a_missing_data_file_is_not_itasite(server: tuple[str, Behaviour], tmp_path: Path) -> None:
    base, state = server

    [source] = fetch_sources([f"{base}missing/"], tmp_path, timeout=2, retries=3, backoff=0.01)

    assert state.hits["/missing/data/site.json"] == 1
    assert source.status == "not-itasite" and source.http_status == 404
    assert source.reason.startswith(f"ไม่พบข้อมูลเปิดของหน่วยงานที่ {base}missing/data/site.json เมื่อ ")
    thai_words_only(source.reason, f"{base}missing/data/site.json")


def test_retries_wait_longer_each_time_then_give_up(server: tuple[str, Behaviour], tmp_path: Path) -> None:
    base, state = server
    state.failing.add("org")

    started = time.monotonic()
    [source] = fetch_sources([f"{base}org/kong-koi/"], tmp_path, timeout=2, retries=2, backoff=0.2)

    assert state.hits["/org/kong-koi/data/site.json"] == 3
    assert time.monotonic() - started >= 0.2 + 0.4
    assert source.status == "down" and source.problem == "server"
    assert source.reason.startswith(f"เว็บไซต์ {base}org/kong-koi/ ขัดข้อง เมื่อ ")


def test_the_last_good_copy_survives_later_failures_and_says_when_it_was_read(
    server: tuple[str, Behaviour], published: dict[str, bytes], tmp_path: Path
) -> None:
    base, state = server
    url = f"{base}org/muang-mu/"
    read_on = dt.datetime(2026, 11, 30, 17, 30, tzinfo=dt.UTC)  # 1 ธันวาคม 2569, 00.30 in Thailand
    failed_on = dt.datetime(2026, 12, 7, 2, 5, tzinfo=dt.UTC)
    fetch_sources([url], tmp_path, clock=lambda: read_on, **FAST)
    state.failing.add("org")

    [source] = fetch_sources([url], tmp_path, clock=lambda: failed_on, **FAST)

    assert source.status == "down" and source.stale
    assert source.data is not None and source.data["organisation"]["name"] == org_name(published["muang-mu"])
    assert source.good_at == read_on and source.fetched_at == failed_on
    assert source.reason == (f"เว็บไซต์ {url} ขัดข้อง เมื่อ ๗ ธันวาคม ๒๕๖๙ เวลา ๐๙.๐๕ น. "
                             "จึงแสดงข้อมูลที่อ่านได้ล่าสุดเมื่อ ๑ ธันวาคม ๒๕๖๙ เวลา ๐๐.๓๐ น.")
    assert read_cached(tmp_path, url) == source  # what a build reads, offline
    assert (source_folder(tmp_path, url) / SITE_FILE).read_bytes() == published["muang-mu"]


def test_a_good_source_that_turns_into_a_web_page_keeps_its_copy(
    server: tuple[str, Behaviour], published: dict[str, bytes], tmp_path: Path
) -> None:
    base, state = server
    url = f"{base}org/pak-chong/"
    fetch_sources([url], tmp_path, **FAST)
    state.documents["pak-chong"] = b"<!DOCTYPE html><html><body>site moved</body></html>"

    [source] = fetch_sources([url], tmp_path, **FAST)

    assert source.status == "not-itasite" and source.problem == "html"
    assert source.data is not None and source.data["organisation"]["name"] == org_name(published["pak-chong"])
    assert "จึงแสดงข้อมูลที่อ่านได้ล่าสุดเมื่อ" in source.reason


def test_the_english_reasons(server: tuple[str, Behaviour], closed_port: str, tmp_path: Path) -> None:
    base, state = server
    state.failing.add("org")

    down, broken = fetch_sources([closed_port, f"{base}org/kong-koi/"], tmp_path, lang="en", **FAST)

    assert down.reason.startswith(f"{closed_port} could not be reached on ") and down.reason.endswith("; it has never been read")
    assert broken.reason.startswith(f"{base}org/kong-koi/ answered with a server error (HTTP 503) on ")
    assert read_cached(tmp_path, closed_port).reason.startswith("ติดต่อเว็บไซต์")  # the language is the reader's
    assert summarise([down, broken], "en")[-1] == "0 of 2 sites read"


# -- limits ----------------------------------------------------------------------------------------------------------


def test_no_more_requests_run_at_once_than_the_concurrency_limit(server: tuple[str, Behaviour], tmp_path: Path) -> None:
    base, state = server
    urls = [f"{base}busy/{n}/" for n in range(12)]

    reported: list[str] = []

    sources = fetch_sources(urls, tmp_path, concurrency=3, timeout=5, retries=0, on_done=lambda s: reported.append(s.url))

    assert all(s.status == "ok" for s in sources)
    assert state.most_active == 3
    assert sorted(reported) == sorted(urls)  # each reported once, as it is done
    assert summarise(sources) == ["อ่านข้อมูลได้ 12 จาก 12 เว็บไซต์"]


def test_an_address_given_twice_is_read_once(server: tuple[str, Behaviour], tmp_path: Path) -> None:
    base, state = server
    url = f"{base}org/talad-sai/"

    sources = fetch_sources([url, url.upper().replace("/ORG/TALAD-SAI/", "/org/talad-sai"), url], tmp_path, **FAST)

    assert [s.url for s in sources] == [url] * 3  # scheme and host in lower case, the root's "/" added
    assert state.hits["/org/talad-sai/data/site.json"] == 1


def test_a_body_over_the_size_limit_is_not_read(server: tuple[str, Behaviour], tmp_path: Path, published: dict[str, bytes]) -> None:
    base, _ = server
    limit = len(published["talad-sai"]) + 1000

    declared, undeclared, bomb = fetch_sources(
        [f"{base}big/", f"{base}chunked-big/", f"{base}bomb/"], tmp_path, max_bytes=limit, **FAST
    )

    assert [s.problem for s in (declared, undeclared, bomb)] == ["too-large"] * 3
    assert "มีขนาดใหญ่เกินกำหนด" in declared.reason


def test_a_gzip_answer_is_stored_as_the_document_it_holds(
    server: tuple[str, Behaviour], published: dict[str, bytes], tmp_path: Path
) -> None:
    base, state = server

    [source] = fetch_sources([f"{base}gzip/"], tmp_path, **FAST)

    assert state.requests[0][1]["Accept-Encoding"] == "gzip"
    assert source.status == "ok"
    assert (source_folder(tmp_path, source.url) / SITE_FILE).read_bytes() == published["kong-koi"]


def test_a_server_that_sends_a_byte_now_and_then_is_cut_off_at_the_time_limit(server: tuple[str, Behaviour], tmp_path: Path) -> None:
    base, _ = server

    started = time.monotonic()
    [source] = fetch_sources([f"{base}trickle/"], tmp_path, **FAST)

    assert source.status == "down" and source.problem == "timeout"
    assert time.monotonic() - started < STALL / 2  # 2 s asked; the server would go on for 30 s


def test_redirects_are_followed_only_to_http_and_not_forever(
    server: tuple[str, Behaviour], published: dict[str, bytes], tmp_path: Path
) -> None:
    base, _ = server

    moved, ftp, loop = fetch_sources([f"{base}moved/", f"{base}ftp/", f"{base}loop/"], tmp_path, **FAST)

    assert moved.status == "ok" and moved.data_url == f"{base}org/muang-mu/data/site.json"  # its relative links resolve here
    assert moved.data is not None and moved.data["organisation"]["name"] == org_name(published["muang-mu"])
    assert (ftp.status, ftp.problem) == ("down", "bad-redirect")
    assert (loop.status, loop.problem) == ("down", "too-many-redirects")


# -- addresses and the cache on disk --------------------------------------------------------------------------------


@pytest.mark.parametrize("address", [
    "file:///etc/passwd", "javascript:alert(1)", "ftp://example.go.th/", "https:///nohost", "example.go.th",
    "https://clerk:secret@example.go.th/", "https://example.go.th/?page=1", "https://example.go.th/#top",
    "https://example.go.th/a b/", "https://example.go.th:99999/", "",
])
def test_only_plain_http_and_https_site_addresses_are_sources(
    address: str, server: tuple[str, Behaviour], tmp_path: Path
) -> None:
    base, state = server
    good = f"{base}org/talad-sai/"

    fetched, refused = fetch_sources([good, address], tmp_path, **FAST)
    cached = read_cached(tmp_path, address)

    assert fetched.status == "ok" and [path for path, _ in state.requests] == ["/org/talad-sai/data/site.json"]
    for source in (refused, cached):
        assert (source.status, source.problem, source.data, source.url) == ("invalid", "address", None, address)
        assert "ที่อยู่" in source.reason
    assert [p.name for p in (tmp_path / CACHE_DIR).iterdir()] == [source_key(good)]  # nothing written for it


def test_the_refusal_says_what_to_give_in_thai_or_english() -> None:
    with pytest.raises(SourceUrlError, match="https:// หรือ http://"):
        normalise_source_url("file:///etc/passwd")
    with pytest.raises(SourceUrlError, match="user name or password"):
        normalise_source_url("https://a:b@example.go.th/", "en")


def test_keys_are_stable_readable_and_safe_folder_names() -> None:
    assert source_key("https://www.Donsak.go.th/ita") == "www.donsak.go.th-ita-" + hashlib.sha256(
        b"https://www.donsak.go.th/ita/").hexdigest()[:10]
    assert source_key("https://www.donsak.go.th/ita/") == source_key("HTTPS://WWW.DONSAK.GO.TH/ita")
    assert source_key("https://www.donsak.go.th/ita/") != source_key("https://www.donsak.go.th/ITA/")
    hostile = [
        "https://example.go.th/../../../etc/", "https://example.go.th/%2e%2e/%2f/", "http://[::1]:8080/a/",
        "https://เทศบาล.ไทย/ข้อมูล/", "https://example.go.th/" + "a" * 300 + "/", "https://con/", "https://example.go.th/./",
    ]
    keys = [source_key(u) for u in hostile]
    assert len(set(keys)) == len(keys)
    for key in keys:
        assert re.fullmatch(r"[a-z0-9][a-z0-9.-]{0,70}-[0-9a-f]{10}", key), key
        assert ".." not in key and len(key) <= 71
    assert keys[3].startswith("xn--")


def test_a_source_never_read_says_so_and_builds_read_nothing_else(tmp_path: Path) -> None:
    source = read_cached(tmp_path, "https://www.example.go.th/ita/")

    assert source.status == "never-fetched" and source.data is None and source.fetched_at is None
    assert source.reason == "ยังไม่ได้อ่านข้อมูลจากเว็บไซต์ https://www.example.go.th/ita/"
    assert not (tmp_path / CACHE_DIR).exists()


def test_fetch_json_is_the_same_bytes_for_the_same_answer(server: tuple[str, Behaviour], tmp_path: Path) -> None:
    base, _ = server
    url = f"{base}org/kong-koi/"
    moment = dt.datetime(2026, 12, 7, 4, 0, 0, tzinfo=dt.UTC)

    fetch_sources([url], tmp_path / "a", clock=lambda: moment, **FAST)
    fetch_sources([url], tmp_path / "b", clock=lambda: moment, **FAST)

    a, b = (source_folder(tmp_path / x, url) for x in "ab")
    assert (a / RECORD_FILE).read_bytes() == (b / RECORD_FILE).read_bytes()
    record = json.loads((a / RECORD_FILE).read_text(encoding="utf-8"))
    assert list(record) == ["url", "status", "problem", "reason", "attempted_at", "good_at", "data_url", "http_status", "etag",
                            "last_modified", "found_version", "sha256"]
    assert record["attempted_at"] == record["good_at"] == "2026-12-07T04:00:00Z"
    assert record["status"] == "ok" and record["http_status"] == 200 and record["etag"].startswith('"')
    assert sorted(p.name for p in a.iterdir()) == [RECORD_FILE, SITE_FILE]  # no temporary file left behind


def test_a_copy_changed_on_disk_is_not_trusted_and_the_next_fetch_asks_for_it_whole(
    server: tuple[str, Behaviour], published: dict[str, bytes], tmp_path: Path
) -> None:
    base, state = server
    url = f"{base}org/talad-sai/"
    fetch_sources([url], tmp_path, **FAST)
    copy = source_folder(tmp_path, url) / SITE_FILE
    copy.write_bytes(copy.read_bytes()[:1000])  # cut short

    damaged = read_cached(tmp_path, url)
    [again] = fetch_sources([url], tmp_path, **FAST)

    assert damaged.status == "invalid" and damaged.data is None and damaged.problem == "damaged-copy"
    assert "If-None-Match" not in state.requests[-1][1]
    assert again.status == "ok" and copy.read_bytes() == published["talad-sai"]


def test_a_damaged_record_is_read_again_as_if_new(server: tuple[str, Behaviour], tmp_path: Path) -> None:
    base, _ = server
    url = f"{base}org/talad-sai/"
    fetch_sources([url], tmp_path, **FAST)
    (source_folder(tmp_path, url) / RECORD_FILE).write_text("{not json", encoding="utf-8")

    assert read_cached(tmp_path, url).status == "never-fetched"
    assert fetch_sources([url], tmp_path, **FAST)[0].status == "ok"


@pytest.mark.parametrize(("body", "status", "problem"), [
    (b"", "not-itasite", "not-json"),
    (b"\xef\xbb\xbf  <html></html>", "not-itasite", "html"),
    (b"[1, 2]", "not-itasite", "other-json"),
    (b'{"format": "datapackage"}', "not-itasite", "other-json"),
    (b'{"format": "itasite-site", "version": 1, "organisation": {"name": "x"}', "invalid", "broken-json"),
    (b'{"format": "itasite-site", "version": "1", "organisation": {"name": "x"}, "years": []}', "invalid", "version"),
    (b'{"format": "itasite-site", "version": true, "organisation": {"name": "x"}, "years": []}', "invalid", "version"),
    (b'{"format": "itasite-site", "version": 1, "organisation": {"name": "x"}, "years": [{"year": "2568"}]}', "invalid", "years"),
    (b'{"format": "itasite-site", "version": 1, "organisation": {"name": "x"}, "years": [{"year": 2568, "oit": []}]}',
     "invalid", "years"),
    (b'{"format": "itasite-site", "version": 1, "organisation": {"name": "x"}, "years": NaN}', "invalid", "broken-json"),
    (b'{"format": "itasite-site", "version": 1.5, "organisation": {"name": "x"}, "years": []}', "invalid", "version"),
    (b"[" * 100_000 + b"]" * 100_000, "not-itasite", "not-json"),
    (b'{"format": "itasite-site", "version": 1, "organisation": {"name": "x"}, "years": [{"year": 2568}]}', "ok", None),
])
def test_careless_and_hostile_documents_are_judged_not_misread(body: bytes, status: str, problem: str | None) -> None:
    verdict = judge_document(body)

    assert (verdict.status, verdict.problem) == (status, problem)
    assert (verdict.data is not None) == (status == "ok")


# -- the benchmark's synthetic portal ---------------------------------------------------------------------------


def test_the_synthetic_portal_is_a_cache_of_good_copies_a_build_reads_and_a_pure_function_of_its_arguments(tmp_path: Path) -> None:
    from bench.synthetic import collect_phrases
    from bench.synthetic_portal import write_portal

    phrases = collect_phrases()
    size = write_portal(tmp_path / "a", orgs=3, years=8, phrases=phrases)
    write_portal(tmp_path / "b", orgs=3, years=8, phrases=phrases)

    config = yaml.safe_load((tmp_path / "a" / "content" / "portal.yml").read_text(encoding="utf-8"))
    urls = [s["url"] for s in config["sources"]]
    assert len(urls) == 3 and all(set(s["groups"]) == {"province", "district", "type"} for s in config["sources"])
    sources = [read_cached(tmp_path / "a", url) for url in urls]
    assert [s.status for s in sources] == ["ok"] * 3
    names = {s.data["organisation"]["name"] for s in sources if s.data}
    assert len(names) == 3
    assert all(s.data and [y["year"] for y in s.data["years"]] == list(range(2563, 2571)) for s in sources)
    assert size == sum(p.stat().st_size for p in (tmp_path / "a" / CACHE_DIR).rglob("*") if p.is_file())
    files = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in sorted((tmp_path / "a").rglob("*")) if p.is_file()}
    assert files == {p.relative_to(tmp_path / "b"): p.read_bytes() for p in sorted((tmp_path / "b").rglob("*")) if p.is_file()}


def test_itasite_portal_fetch_reads_the_url_sources_then_build_reads_the_cache_offline(
    server: tuple[str, Behaviour], closed_port: str, published: dict[str, bytes], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    base, state = server
    portal = tmp_path / "portal"
    shutil.copytree(ROOT / "examples" / "portal", portal, ignore=shutil.ignore_patterns("site", ".itasite-cache", "content"))
    (portal / "content").mkdir()
    (portal / "content" / "portal.yml").write_text(
        f"name: พอร์ทัลทดสอบ\nsources:\n  - url: {base}org/kong-koi/\n    groups: {{province: ทดสอบ}}\n  - url: {closed_port}\n",
        encoding="utf-8")
    (portal / "site_config.yml").write_text(
        (portal / "site_config.yml").read_text(encoding="utf-8").replace("../../theme", str(ROOT / "theme")), encoding="utf-8")
    runner = CliRunner()
    fetched = runner.invoke(cli, ["portal", "fetch", "-f", str(portal / "site_config.yml"), "--timeout", "2"])
    assert fetched.exit_code == 1, fetched.output  # one source is down: the command says so
    assert "อ่านข้อมูลได้ 1 จาก 2 เว็บไซต์" in fetched.output
    assert closed_port in fetched.output
    assert len(list((portal / "portal-cache").glob("*/site.json"))) == 1
    requests = len(state.requests)
    built = runner.invoke(cli, ["build", "-q", "--no-strict", "-f", str(portal / "site_config.yml")])
    assert built.exit_code == 0, built.output
    assert len(state.requests) == requests  # the build read the cache, never the network
    name = org_name(published["kong-koi"])
    assert any(name in p.read_text(encoding="utf-8") for p in (portal / "site").rglob("*.html"))


def test_itasite_portal_fetch_in_an_organisation_folder_says_it_is_not_a_portal(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    assert main(["portal", "fetch", "-f", str(ROOT / "site_config.yml")]) == 1
    err = capsys.readouterr().err
    assert "ไม่ใช่พอร์ทัล" in err
    assert "Traceback" not in err
