"""``itasite build-many``: every organisation is built in parallel, a broken one is reported and never stops the
others, and ``--shard i/n`` splits the organisations between machines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import UserError
from generator.publish.many import find_sites, parse_shard, select_shard
from tests.conftest import minimal_config

ORGANISATION = "name: องค์การบริหารส่วนตำบลทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"
MEASURES = """\
measures:
  - id: m1
    title: จัดทำคู่มือการปฏิบัติงาน
    indicators: [1]
    status: planned
"""


def make_site(folder: Path, files: dict[str, str]) -> Path:
    (folder / "content").mkdir(parents=True)
    (folder / "site_config.yml").write_text(minimal_config(), encoding="utf-8")
    for rel, text in files.items():
        path = folder / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.e2e
def test_a_broken_organisation_is_reported_and_the_others_are_built(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = make_site(tmp_path / "orgs" / "good", {"organisation.yml": ORGANISATION, "2569/measures.yml": MEASURES})
    broken = make_site(tmp_path / "orgs" / "broken", {"organisation.yml": ORGANISATION, "2569/measures.yml": "measures: [\n"})

    code = main(["build-many", str(tmp_path / "orgs"), "--jobs", "2"])

    err = capsys.readouterr().err
    assert code == 1
    assert (good / "site" / "2569" / "measures" / "m1" / "index.html").is_file()
    assert not (broken / "site").exists()
    assert re.search(r"^FAILED broken \(\d+\.\d s\)$", err, re.M)
    assert re.search(r"^ok     good \(\d+\.\d s\)$", err, re.M)
    assert "\n== broken\ncontent/2569/measures.yml:1:11: " in err
    assert re.search(r"^สร้างสำเร็จ 1 จาก 2 หน่วยงาน ใน \d+\.\d วินาที \(built 1 of 2 in \d+\.\d s\)$", err, re.M)
    assert err.rstrip().endswith("ไม่สำเร็จ (failed): broken")


@pytest.mark.e2e
def test_all_built_exits_0_and_quiet_lists_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_site(tmp_path / "orgs" / "a", {"organisation.yml": ORGANISATION, "2569/measures.yml": MEASURES})

    code = main(["build-many", str(tmp_path / "orgs"), "--jobs", "1", "-q"])

    err = capsys.readouterr().err
    assert code == 0
    assert "ok " not in err and "FAILED" not in err
    assert re.fullmatch(r"\nสร้างสำเร็จ 1 จาก 1 หน่วยงาน ใน \d+\.\d วินาที \(built 1 of 1 in \d+\.\d s\)\n", err)


def test_sites_are_found_at_any_depth_in_sorted_order_skipping_built_output(tmp_path: Path) -> None:
    for rel in ("b", "a", "province/c", "a/site/x", "a/site.tmp-12/y"):
        (tmp_path / rel).mkdir(parents=True)
        (tmp_path / rel / "site_config.yml").write_text("site_name: x\n", encoding="utf-8")

    assert [p.relative_to(tmp_path).as_posix() for p in find_sites(tmp_path)] == ["a", "b", "province/c"]


def test_shards_cover_every_organisation_exactly_once() -> None:
    sites = [Path(f"org{i}") for i in range(7)]

    shards = [select_shard(sites, i, 3) for i in (1, 2, 3)]

    assert [[p.name for p in s] for s in shards] == [["org0", "org3", "org6"], ["org1", "org4"], ["org2", "org5"]]


@pytest.mark.parametrize("text", ["0/3", "4/3", "1", "a/b", "1/0"])
def test_a_bad_shard_is_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(UserError, match=r"--shard ต้องอยู่ในรูป i/n .* expected i/n with 1 ≤ i ≤ n"):
        parse_shard(text)


def test_a_folder_without_organisations_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build-many", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"ไม่พบ site_config.yml ในโฟลเดอร์ {tmp_path} (no site_config.yml under {tmp_path})\n"
