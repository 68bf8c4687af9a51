"""The publishing templates in deploy/: the CI files parse and check before they build; the rsync/SFTP script copies
only a site that passed ``itasite check --strict`` and the build."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from test_plugin import FILES

pytestmark = pytest.mark.slow  # builds whole sites with MkDocs or runs scripts: left out of make test-fast

DEPLOY = ROOT / "deploy"
ITASITE = Path(sys.executable).parent / "itasite"
CLEAN = "talad-sai"  # an example that passes `itasite check --strict`


def _load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((DEPLOY / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _check_then_build(commands: list[str]) -> None:
    check = next(i for i, c in enumerate(commands) if "itasite check" in c)
    build = next(i for i, c in enumerate(commands) if "itasite build" in c)
    assert check < build
    assert "--strict" in commands[check] and "--strict" in commands[build]


def test_github_pages_workflow_checks_builds_and_deploys() -> None:
    workflow = _load("github-pages.yml")
    assert workflow[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}  # YAML 1.1 reads `on` as true
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = workflow["jobs"]["build"]["steps"]
    _check_then_build([s.get("run", "") for s in steps])
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"] == {"path": "site"}
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_pages_job_checks_builds_and_publishes_public() -> None:
    ci = _load("gitlab-ci.yml")
    pages = ci["pages"]
    _check_then_build(pages["script"])
    assert pages["script"][-1] == "mv site public" and pages["artifacts"] == {"paths": ["public"]}
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    _check_then_build(ci["check"]["script"])
    assert ci["stages"] == ["check", "deploy"]


@pytest.mark.parametrize("name", ["rsync-github-actions.yml", "rsync-gitlab-ci.yml"])
def test_rsync_ci_snippets_run_the_deploy_script_with_secrets(name: str) -> None:
    data = _load(name)
    text = (DEPLOY / name).read_text(encoding="utf-8")
    assert "bash deploy/rsync-deploy.sh" in text
    for variable in ("DEPLOY_TARGET", "DEPLOY_SSH_KEY", "DEPLOY_KNOWN_HOSTS"):
        assert variable in text
    job = data["jobs"]["deploy"] if "jobs" in data else data["deploy-to-host"]
    assert job


# -- the script, with rsync/sftp replaced by recorders ---------------------------------------------------------------


def _fake_tools(folder: Path) -> Path:
    """rsync and sftp that write their arguments (and sftp its batch from stdin) to calls.log."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    for tool in ("rsync", "sftp"):
        script = bin_dir / tool
        script.write_text(
            f'#!/usr/bin/env bash\nprintf "{tool}"; printf " %s" "$@"; echo\n'
            + ('[ "$1" != "" ] && cat\n' if tool == "sftp" else ""),
            encoding="utf-8",
        )
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return bin_dir


def _deploy(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    bin_dir = _fake_tools(root)
    full_env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "ITASITE": str(ITASITE), **env}
    return subprocess.run(["bash", str(DEPLOY / "rsync-deploy.sh")], cwd=root, env=full_env, capture_output=True,
                          text=True, timeout=300, check=False)


def test_script_checks_builds_then_rsyncs_the_site(copy_example_with_reports: Callable[[str], Path]) -> None:
    root = copy_example_with_reports(CLEAN)
    result = _deploy(root, DEPLOY_TARGET="www@ita.example.go.th:/var/www/ita/")
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "index.html").is_file()
    calls = [line for line in result.stdout.splitlines() if line.startswith(("rsync", "sftp"))]
    assert calls == [
        "rsync --recursive --links --times --compress --delete --human-readable -e ssh -p 22 -o BatchMode=yes "
        "site_config.yml/../site/ www@ita.example.go.th:/var/www/ita/".replace("site_config.yml/../", "./")
    ]
    assert result.stdout.rstrip().endswith("published ./site to www@ita.example.go.th:/var/www/ita/")


def test_script_with_sftp_uploads_into_the_target_folder(copy_example_with_reports: Callable[[str], Path]) -> None:
    root = copy_example_with_reports(CLEAN)
    result = _deploy(root, DEPLOY_TARGET="www@host.example:/var/www/ita/", DEPLOY_METHOD="sftp", DEPLOY_PORT="2222")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "sftp -P 2222 -o BatchMode=yes -b - www@host.example\n" in out
    assert '-mkdir "/var/www/ita"\nlcd "./site"\ncd "/var/www/ita"\nput -r *\n' in out


def test_script_copies_nothing_when_the_content_has_errors(site_dir: Callable[..., Path]) -> None:
    root = site_dir({**FILES, "2568/result.yml": "total: 900\nlevel: ผ่าน\n"})
    result = _deploy(root, DEPLOY_TARGET="www@host.example:/var/www/ita/")
    assert result.returncode == 1
    assert "content/2568/result.yml:1:8: total:" in result.stdout + result.stderr
    assert "rsync" not in result.stdout and not (root / "site").exists()


def test_script_refuses_a_key_without_the_hosts_fingerprint(copy_example: Callable[[str], Path]) -> None:
    root = copy_example(CLEAN)
    result = _deploy(root, DEPLOY_TARGET="www@host.example:/var/www/ita/", DEPLOY_SSH_KEY="-----BEGIN KEY-----")
    assert result.returncode != 0
    assert "DEPLOY_KNOWN_HOSTS" in result.stderr
    assert "rsync" not in result.stdout and not (root / "site").exists()  # refused before building


def test_script_needs_a_target() -> None:
    result = subprocess.run(["bash", str(DEPLOY / "rsync-deploy.sh")], env={**os.environ, "DEPLOY_TARGET": ""},
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode != 0 and "set DEPLOY_TARGET" in result.stderr
