"""Links typed in the content (generator/check/links.py, generator/urls.py ``resolve_link``): addresses as agencies
write them, from the site's root; check and build agree on every one; nothing outside content/ is published."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import minimal_config

from generator.cli import main
from generator.pipeline import build_site, check_content
from generator.render.pages import RenderSettings

ORG = "name: อบต.ทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"
MEASURES = """\
measures:
  - id: m1
    title: จัดทำคู่มือ
    indicators: [1]
    evidence:
{links}
"""


def _links(*urls: str) -> str:
    return "\n".join(f"      - title: เอกสาร {i}\n        url: {url}" for i, url in enumerate(urls, 1))


def _site(site_dir: Callable[..., Path], *urls: str, org: str = ORG, files: dict[str, str] | None = None) -> Path:
    return site_dir({"organisation.yml": org, "2569/measures.yml": MEASURES.format(links=_links(*urls)), **(files or {})})


def _errors(root: Path) -> list[str]:
    _, findings = check_content(root / "content", root)
    return sorted(f.format() for f in findings)


def test_addresses_from_the_site_root_lead_to_pages_and_files(site_dir: Callable[..., Path]) -> None:
    urls = ("files/แผน 2569.pdf", "/files/แผน 2569.pdf#page=2", "2569/measures/", "/2569/oit/o1/", "2569/oit/o1.md",
            "notes", "data/2569/measures.csv", "https://www.example.go.th/a?b=1&c=2", "mailto:saraban@example.go.th")
    root = _site(site_dir, *urls, files={"files/แผน 2569.pdf": "%PDF", "notes.md": "# บันทึก\n"})
    assert _errors(root) == []
    page = build_site(root / "content", root, RenderSettings()).pages["2569/measures/m1.md"]
    for expected in ("(../../files/%E0%B9%81%E0%B8%9C%E0%B8%99%202569.pdf)", "(../../files/%E0%B9%81%E0%B8%9C%E0%B8%99%202569.pdf#page=2)",
                     "(index.md)", "(../oit/o1.md)", "(../../notes.md)", "(../../data/2569/measures.csv)",
                     "(https://www.example.go.th/a?b=1&amp;c=2)", "(mailto:saraban@example.go.th)"):
        assert expected in page, expected


def test_a_link_to_nothing_is_a_located_error_naming_what_to_do(site_dir: Callable[..., Path]) -> None:
    root = _site(site_dir, "thai/about_us/structure.pdf")
    assert _errors(root) == [
        "content/2569/measures.yml:7:14: measures[1].evidence[1].url: ไม่พบหน้าหรือไฟล์ 'thai/about_us/structure.pdf' ในเว็บไซต์นี้ "
        "ให้วางไฟล์ไว้ในโฟลเดอร์ content แล้วใส่ที่อยู่นับจากโฟลเดอร์ content (เช่น files/report.pdf) หรือใส่ที่อยู่เต็มที่ขึ้นต้นด้วย "
        "https:// หรือใส่ website: ใน contact ของ organisation.yml ถ้าไฟล์อยู่บนเว็บไซต์หลักของหน่วยงาน"
    ]


def test_with_the_agency_website_other_addresses_lead_there(site_dir: Callable[..., Path]) -> None:
    org = ORG + "contact:\n  website: https://www.talad-sai.go.th/\n"
    root = _site(site_dir, "thai/about_us/structure.pdf", "/about_structure.html", org=org)
    assert _errors(root) == []
    page = build_site(root / "content", root, RenderSettings()).pages["2569/measures/m1.md"]
    assert "(https://www.talad-sai.go.th/thai/about_us/structure.pdf)" in page
    assert "(https://www.talad-sai.go.th/about_structure.html)" in page


def test_the_website_itself_must_be_a_full_address(site_dir: Callable[..., Path]) -> None:
    root = _site(site_dir, "https://a.example/x", org=ORG + "contact:\n  website: /home\n")
    assert _errors(root) == [
        "content/organisation.yml:4:12: contact.website: เว็บไซต์หลักต้องเป็นที่อยู่เต็ม เช่น https://www.example.go.th (ได้ '/home')"
    ]


def test_symbolic_links_are_refused_and_backups_never_published(site_dir: Callable[..., Path], tmp_path: Path) -> None:
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE", encoding="utf-8")
    root = _site(site_dir, "https://a.example/x", files={"files/plan.pdf": "%PDF", "2569/measures.yml~": "old",
                                                         "files/report.bak": "old", ".git/config": "x"})
    (root / "content" / "files" / "key.txt").symlink_to(secret)
    (root / "content" / "loop").symlink_to(root / "content")
    assert _errors(root) == [
        "content/files/key.txt:1:1: files/key.txt เป็นลิงก์ไปยังไฟล์หรือโฟลเดอร์อื่น (symbolic link) ซึ่งระบบไม่เผยแพร่ "
        "ให้คัดลอกไฟล์จริงมาไว้ในโฟลเดอร์ content แทน",
        "content/loop:1:1: loop เป็นลิงก์ไปยังไฟล์หรือโฟลเดอร์อื่น (symbolic link) ซึ่งระบบไม่เผยแพร่ "
        "ให้คัดลอกไฟล์จริงมาไว้ในโฟลเดอร์ content แทน",
    ]
    assert main(["build", "-q", "-f", str(root / "site_config.yml")]) == 1
    assert not (root / "site").exists()
    (root / "content" / "files" / "key.txt").unlink()
    (root / "content" / "loop").unlink()
    assert main(["build", "-q", "-f", str(root / "site_config.yml")]) == 0
    published = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*") if p.is_file()}
    assert "files/plan.pdf" in published
    assert not [p for p in published if p.endswith(("~", ".bak")) or p.startswith(".git") or "PRIVATE" in p]
    assert minimal_config()  # the fixture's configuration: strict MkDocs validation is not what stopped the build
