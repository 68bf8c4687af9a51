"""The editor's git page: what the edits changed in the content folder (``git status`` and ``git diff``); the editor
never commits or pushes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.clerk.editor.view import render_page, template_env
from generator.messages import Lang, say


def run_git(content_dir: Path, *args: str) -> tuple[bool, str]:
    try:
        done = subprocess.run(["git", *args], cwd=content_dir, capture_output=True, text=True, check=False)
    except OSError as exc:
        return False, str(exc)
    return done.returncode == 0, done.stdout if done.returncode == 0 else done.stderr


def git_page(content_dir: Path, lang: Lang) -> str:
    """``git status`` and ``git diff`` of the content folder: what the edits changed, not yet committed."""
    env = template_env(lang)
    title = say(lang, "การเปลี่ยนแปลงในไฟล์", "Changes in the files")
    inside, _ = run_git(content_dir, "rev-parse", "--is-inside-work-tree")
    if not inside:
        return render_page(env, "text.html.j2", title=title, blocks=[], intro=say(lang,
            "โฟลเดอร์ content ไม่ได้อยู่ใน git จึงแสดงการเปลี่ยนแปลงไม่ได้ (ผู้ดูแลสร้างด้วย git init หรือ git clone)",
            "the content folder is not in a git repository (git init or git clone it)"))
    blocks = []
    for heading, args in (("git status", ["status", "--short", "--", "."]), ("git diff", ["diff", "--", "."])):
        _, body = run_git(content_dir, *args)
        blocks.append((heading, body or say(lang, "(ไม่มีการเปลี่ยนแปลง)", "(no changes)")))
    intro = say(lang, "สิ่งที่ตัวแก้ไขเปลี่ยนในโฟลเดอร์ content ที่ยังไม่ได้ commit ตัวแก้ไขไม่ commit และไม่ push เอง "
                     "ให้ผู้ดูแลตรวจแล้ว git add / git commit / git push ตามขั้นตอนของหน่วยงาน",
                     "What the editor changed in the content folder, not yet committed. The editor never commits or pushes.")
    return render_page(env, "text.html.j2", title=title, intro=intro, blocks=blocks)
