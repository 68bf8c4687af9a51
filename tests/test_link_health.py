"""``itasite check --links`` (generator/check/link_health.py): every external link requested once, against a server
on 127.0.0.1 only; broken, moved and http:// links are warnings at their YAML line; answers kept for a day."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.check.link_health import CACHE_FILE, USER_AGENT, Probe, check_link_health, probe
from generator.cli import main
from generator.pipeline import check_content

ORG = "name: อบต.ทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"
MEASURES = """\
measures:
  - id: m1
    title: จัดทำคู่มือ
    indicators: [1]
    evidence:
{links}
"""
PATHS = ("/ok", "/missing", "/error", "/moved", "/found", "/head-refused", "/slow", "/ok#page=2")
TIMEOUT = 0.5
NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # eight connections at once must not wait for a SYN retry
    requests: list[tuple[str, str]]
    agents: set[str]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hung up on /slow, as it should


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        self.server.requests.append((self.command, self.path))
        self.server.agents.add(self.headers.get("User-Agent", ""))
        status, headers = {
            "/missing": (404, {}),
            "/error": (500, {}),
            "/moved": (301, {"Location": "/new"}),
            "/found": (302, {"Location": "/elsewhere"}),
            "/head-refused": (200 if body else 405, {}),
        }.get(self.path, (200, {}))
        if self.path == "/slow":
            time.sleep(TIMEOUT * 2)
        self.send_response(status)
        for name, value in {**headers, "Content-Length": "2" if body else "0"}.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """A server on 127.0.0.1 at a free port; no proxy may stand between (nothing else is ever contacted)."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.requests, httpd.agents = [], set()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _base(server: Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _site(site_dir: Callable[[dict[str, str]], Path], urls: tuple[str, ...], org: str = ORG) -> Path:
    links = "\n".join(f"      - title: เอกสาร {i}\n        url: {url}" for i, url in enumerate(urls, 1))
    return site_dir({"organisation.yml": org, "2569/measures.yml": MEASURES.format(links=links)})


def _check(root: Path, cache: Path | None, now: dt.datetime = NOW) -> list[str]:
    site, findings = check_content(root / "content", root)
    assert site is not None and findings == []
    return [f.format() for f in check_link_health(site, "en", timeout=TIMEOUT, cache=cache, now=now)]


def _expected(base: str) -> list[str]:
    def at(n: int, message: str) -> str:  # the n-th link's url stands at line 5 + 2n, column 14
        return f"content/2569/measures.yml:{5 + 2 * n}:14: measures[1].evidence[{n}].url: warning: {message}"

    fix = "check the address or give the document's new one"
    secure = base.replace("http://", "https://")
    return [
        at(1, f"http:// is not encrypted; use {secure}/ok if it opens"),
        at(2, f"broken link '{base}/missing': the server answers 404 Not Found; {fix}"),
        at(3, f"broken link '{base}/error': the server answers 500 Internal Server Error; {fix}"),
        at(4, f"moved permanently to {base}/new; change the url to the new address"),
        at(5, f"http:// is not encrypted; use {secure}/found if it opens"),
        at(6, f"http:// is not encrypted; use {secure}/head-refused if it opens"),
        at(7, f"broken link '{base}/slow': no answer within 0.5 s; {fix}"),
        at(8, f"http:// is not encrypted; use {secure}/ok#page=2 if it opens"),
    ]


FIRST_RUN = [
    ("GET", "/head-refused"),
    ("HEAD", "/elsewhere"),
    ("HEAD", "/error"),
    ("HEAD", "/found"),
    ("HEAD", "/head-refused"),
    ("HEAD", "/missing"),
    ("HEAD", "/moved"),
    ("HEAD", "/new"),
    ("HEAD", "/ok"),
    ("HEAD", "/slow"),
]


def test_each_link_is_asked_once_and_reported_at_its_line(site_dir: Callable[..., Path], server: Server) -> None:
    base = _base(server)
    root = _site(site_dir, tuple(base + p for p in PATHS))
    assert _check(root, None) == _expected(base)
    assert sorted(server.requests) == FIRST_RUN
    assert server.agents == {USER_AGENT} and USER_AGENT.startswith("itasite/")


def test_a_second_run_within_a_day_asks_only_what_did_not_answer(site_dir: Callable[..., Path], server: Server) -> None:
    base = _base(server)
    root = _site(site_dir, tuple(base + p for p in PATHS))
    cache = root / CACHE_FILE
    assert _check(root, cache) == _expected(base)
    assert (root / ".itasite-cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    stored = json.loads(cache.read_text(encoding="utf-8"))["links"]
    assert stored[f"{base}/moved"] == {"checked": "2026-11-27T09:00:00+00:00", "status": 200, "moved_to": f"{base}/new"}
    assert f"{base}/slow" not in stored  # a timeout may be the clerk's own connection: asked again next time
    server.requests.clear()

    assert _check(root, cache, NOW + dt.timedelta(hours=23)) == _expected(base)
    assert server.requests == [("HEAD", "/slow")]
    server.requests.clear()

    assert _check(root, cache, NOW + dt.timedelta(hours=25)) == _expected(base)
    assert sorted(server.requests) == FIRST_RUN


def test_an_unreadable_cache_is_an_empty_one(site_dir: Callable[..., Path], server: Server) -> None:
    base = _base(server)
    root = _site(site_dir, (f"{base}/ok",))
    (root / ".itasite-cache").mkdir()
    (root / CACHE_FILE).write_text("{not json", encoding="utf-8")
    assert len(_check(root, root / CACHE_FILE)) == 1
    assert server.requests == [("HEAD", "/ok")]
    assert json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))["links"][f"{base}/ok"]["status"] == 200


def test_probe_answers(server: Server) -> None:
    base = _base(server)
    assert probe(f"{base}/ok", TIMEOUT) == Probe(200)
    assert probe(f"{base}/moved", TIMEOUT) == Probe(200, moved_to=f"{base}/new")
    assert probe(f"{base}/found", TIMEOUT) == Probe(200)
    assert probe(f"{base}/head-refused", TIMEOUT) == Probe(200)
    assert probe(f"{base}/missing", TIMEOUT) == Probe(404)
    assert probe(f"{base}/slow", TIMEOUT).failure == "timeout"
    assert server.requests[-1] == ("HEAD", "/slow")  # a timeout is not asked again with GET
    assert probe(f"{base}/แผน 2569.pdf", TIMEOUT) == Probe(200)
    assert server.requests[-1] == ("HEAD", "/%E0%B9%81%E0%B8%9C%E0%B8%99%202569.pdf")


def test_https_and_mailto_links_that_answer_say_nothing(site_dir: Callable[..., Path]) -> None:
    asked: list[str] = []

    def fetch(url: str, timeout: float) -> Probe:
        asked.append(url)
        return Probe(200)

    root = _site(site_dir, ("https://a.example/report.pdf", "https://a.example/report.pdf#page=3", "mailto:saraban@example.go.th"))
    site, _ = check_content(root / "content", root)
    assert site is not None
    assert check_link_health(site, "th", fetch=fetch) == []
    assert asked == ["https://a.example/report.pdf"]


def test_findings_speak_thai_by_default(site_dir: Callable[..., Path]) -> None:
    org = ORG + "contact:\n  website: http://www.example.go.th/\n"
    root = _site(site_dir, ("https://a.example/gone", "https://a.example/old", "https://a.example/slow"), org=org)
    site, _ = check_content(root / "content", root)
    assert site is not None
    answers = {"https://a.example/gone": Probe(404), "https://a.example/old": Probe(200, moved_to="https://b.example/new"),
               "https://a.example/slow": Probe(failure="timeout", detail="timed out"), "http://www.example.go.th/": Probe(200)}
    assert [f.format() for f in check_link_health(site, fetch=lambda url, timeout: answers[url], timeout=10)] == [
        "content/2569/measures.yml:7:14: measures[1].evidence[1].url: warning: ลิงก์เสีย 'https://a.example/gone': "
        "เซิร์ฟเวอร์ตอบ 404 Not Found ให้ตรวจที่อยู่ หรือใส่ที่อยู่ใหม่ของเอกสาร",
        "content/2569/measures.yml:9:14: measures[1].evidence[2].url: warning: ลิงก์ย้ายไปที่ https://b.example/new แล้ว "
        "(ย้ายถาวร) ให้เปลี่ยน url เป็นที่อยู่ใหม่",
        "content/2569/measures.yml:11:14: measures[1].evidence[3].url: warning: ลิงก์เสีย 'https://a.example/slow': "
        "ไม่ตอบภายใน 10 วินาที ให้ตรวจที่อยู่ หรือใส่ที่อยู่ใหม่ของเอกสาร",
        "content/organisation.yml:4:12: contact.website: warning: ลิงก์ขึ้นต้นด้วย http:// ซึ่งไม่เข้ารหัส "
        "ให้ใช้ https://www.example.go.th/ ถ้าเปิดได้",
    ]


# -- itasite check --links -----------------------------------------------------------------------------------------


def test_check_requests_links_only_when_asked(
    site_dir: Callable[..., Path], server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    base = _base(server)
    root = _site(site_dir, (f"{base}/ok", f"{base}/missing"))
    config = str(root / "site_config.yml")
    assert main(["check", "-f", config]) == 0
    assert server.requests == []
    assert not (root / ".itasite-cache").exists()
    capsys.readouterr()

    assert main(["check", "-f", config, "--links", "--links-timeout", "0.5", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    secure = base.replace("http://", "https://")
    assert out.splitlines() == [
        f"content/2569/measures.yml:7:14: measures[1].evidence[1].url: warning: http:// is not encrypted; use "
        f"{secure}/ok if it opens",
        f"content/2569/measures.yml:9:14: measures[1].evidence[2].url: warning: broken link '{base}/missing': "
        "the server answers 404 Not Found; check the address or give the document's new one",
    ]
    assert err.strip() == "checked: 0 error(s), 2 warning(s)"
    assert sorted(server.requests) == [("HEAD", "/missing"), ("HEAD", "/ok")]
    assert (root / CACHE_FILE).is_file()

    assert main(["check", "-f", config, "--links", "--strict"]) == 1  # from the cache: nothing asked again
    assert len(server.requests) == 2
