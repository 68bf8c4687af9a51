"""The staged swap of site/ (generator/publish/staging.py): whole or not at all, never missing, and what killed
builds leave behind is cleaned up."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.publish.staging import Staging, StagingError

ORG = "name: อบต.ทดสอบ\ntype: องค์การบริหารส่วนตำบล\n"


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_the_new_site_takes_the_place_of_the_old_one_whole(tmp_path: Path) -> None:
    final = tmp_path / "site"
    final.mkdir()
    (final / "old.html").write_text("old", encoding="utf-8")
    staging = Staging(final)
    (staging.folder / "new.html").write_text("new", encoding="utf-8")
    staging.finish(succeeded=True)
    assert sorted(p.name for p in final.iterdir()) == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_build_leaves_the_old_site_and_nothing_else(tmp_path: Path) -> None:
    final = tmp_path / "site"
    final.mkdir()
    (final / "old.html").write_text("old", encoding="utf-8")
    staging = Staging(final)
    (staging.folder / "half.html").write_text("x", encoding="utf-8")
    staging.finish(succeeded=False)
    assert sorted(p.name for p in final.iterdir()) == ["old.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_killed_builds_are_cleaned_and_a_site_left_aside_is_put_back(tmp_path: Path) -> None:
    dead = _dead_pid()
    (tmp_path / f"site.tmp-{dead}").mkdir()
    aside = tmp_path / f"site.old-{dead}"  # killed between the two renames: no site/ at all
    aside.mkdir()
    (aside / "index.html").write_text("published", encoding="utf-8")
    (tmp_path / f"site.tmp-{os.getppid()}").mkdir()  # a build that is still running is left alone
    staging = Staging(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "published"
    staging.finish(succeeded=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", f"site.tmp-{os.getppid()}"]


def test_a_read_only_site_is_not_replaced(tmp_path: Path) -> None:
    final = tmp_path / "site"
    final.mkdir()
    final.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StagingError, match="อ่านอย่างเดียว"):
            Staging(final)
    finally:
        final.chmod(stat.S_IRWXU)


def test_a_site_folder_that_cannot_be_made_is_a_message_not_a_traceback(
    site_dir: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_dir({"organisation.yml": ORG})
    (root / "blocked").write_text("a file where a folder should be", encoding="utf-8")
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: blocked/site"), encoding="utf-8")
    assert main(["build", "-q", "-f", str(config)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ให้ตรวจสิทธิ์เขียนของโฟลเดอร์" in err
