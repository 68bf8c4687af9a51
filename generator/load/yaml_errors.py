"""YAML syntax errors in the clerk's words: the likely cause (a tab, a missing colon, a paste from Word, an
indentation that does not match the line above, a colon inside a text) and what to do, at the line to fix.

PyYAML words its errors for programmers ("mapping values are not allowed here") and often points one line late
(a key without its colon is noticed on the next line). Each rule here recognises one such error and moves the
position back where the clerk has to type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from generator.messages import Lang, say

WORD_SPACES = "\u00a0\u2007\u202f\u3000"  # non-breaking and full-width spaces, as Word and Thai keyboards paste them
CURLY_QUOTES = "“”‘’"
SPECIAL_STARTS = "*&!|>@`%"


@dataclass(frozen=True)
class SyntaxProblem:
    line: int
    col: int
    message: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], index: int) -> int | None:
    """The index of the closest line above ``index`` that holds something (not blank, not a comment)."""
    for i in range(index - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def find_word_spaces(text: str) -> SyntaxProblem | None:
    """A line indented with spaces pasted from Word: YAML reads them as text, so the structure silently changes."""
    for number, line in enumerate(text.splitlines(), 1):
        lead = line[: len(line) - len(line.lstrip(" \t" + WORD_SPACES))]
        if any(ch in WORD_SPACES for ch in lead):
            return SyntaxProblem(number, 1, "")
    return None


def word_space_message(lang: Lang) -> str:
    return say(
        lang,
        "รูปแบบ YAML ไม่ถูกต้อง: ช่องว่างต้นบรรทัดนี้เป็นช่องว่างพิเศษที่ติดมาจาก Word (non-breaking space) "
        "ให้ลบช่องว่างต้นบรรทัด แล้วเว้นวรรคใหม่ด้วยปุ่ม Space ให้ตรงกับบรรทัดอื่นในระดับเดียวกัน",
        "YAML syntax error: this line is indented with special spaces pasted from Word (non-breaking spaces); "
        "delete them and indent again with the space bar, like the other lines at the same level",
    )


def describe_syntax_error(exc: yaml.MarkedYAMLError, text: str, lang: Lang) -> SyntaxProblem:
    """The clerk's version of a PyYAML error: where to fix and what to do."""
    lines = text.splitlines() or [""]
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    current = lines[min(line, len(lines)) - 1]
    th, en = _cause(exc, problem, lines, line, col)
    if _in_brackets(exc, problem) and (bracket := _unclosed_bracket(lines, line)):
        line, col = bracket
    elif exc.context_mark is not None and problem in ("could not find expected ':'", "found unexpected end of stream"):
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
    if th.startswith("@above"):
        above = _previous(lines, line - 1)
        th, en = th.removeprefix("@above"), en.removeprefix("@above")
        if above is not None:
            line, col = above + 1, _indent(lines[above]) + 1
    if any(q in current for q in CURLY_QUOTES):
        th += " (บรรทัดนี้มีเครื่องหมายคำพูดแบบโค้ง “ ” จาก Word ซึ่ง YAML ไม่นับเป็นเครื่องหมายคำพูด ให้ใช้ \" แทน)"
        en += " (this line has Word's curly quotes “ ”, which YAML does not read as quotes; use \" instead)"
    message = say(lang, f"รูปแบบ YAML ไม่ถูกต้อง: {th} (YAML: {problem})", f"YAML syntax error: {en} ({problem})")
    return SyntaxProblem(line, col, message)


def _cause(exc: yaml.MarkedYAMLError, problem: str, lines: list[str], line: int, col: int) -> tuple[str, str]:
    """(Thai, English) cause and remedy; "@above" asks to point at the line above instead."""
    current = lines[min(line, len(lines)) - 1]
    if "'\\t'" in problem:
        return ("มีแท็บ (Tab) ในบรรทัดนี้ YAML ใช้ช่องว่างเท่านั้น ให้ลบแท็บแล้วเว้นวรรคด้วยปุ่ม Space ให้ตรงกับบรรทัดอื่นในระดับเดียวกัน",
                "this line has a tab; YAML indents with spaces only: delete the tab and indent with the space bar")
    if problem == "could not find expected ':'":
        return ("บรรทัดนี้ขาดเครื่องหมาย : หลังชื่อคีย์ ให้เขียนเช่น title: ข้อความ (ถ้าเป็นข้อความต่อจากบรรทัดก่อน ให้ย่อหน้าให้ลึกกว่าชื่อคีย์)",
                "this line misses the colon after its key; write e.g. title: text (a continued text must be indented deeper)")
    if problem == "mapping values are not allowed here":
        return _mapping_value_cause(lines, line, col)
    if problem.startswith("expected <block end>") or problem.startswith("expected <block mapping"):
        return ("ย่อหน้า (ช่องว่างต้นบรรทัด) ของบรรทัดนี้ไม่ตรงกับบรรทัดก่อน ให้จัดให้ตรงกับคีย์อื่นในระดับเดียวกัน "
                "และรายการที่ขึ้นต้นด้วย - ต้องอยู่ใต้คีย์ของมัน",
                "the indentation of this line does not match the lines above; align it with the other keys at its level "
                "(items starting with - belong under their key)")
    if problem == "found unexpected end of stream" and exc.context == "while scanning a quoted scalar":
        return ("เครื่องหมายคำพูดที่เปิดไว้ตรงนี้ไม่มีตัวปิด ให้ใส่เครื่องหมายคำพูดปิดท้ายข้อความ",
                "the quote opened here is never closed; add the closing quote at the end of the text")
    if _in_brackets(exc, problem):
        return ("วงเล็บ [ หรือ { ที่เปิดตรงนี้ไม่มีตัวปิด หรือมีข้อความที่มี : อยู่ในวงเล็บ ให้ปิดวงเล็บในบรรทัดเดียวกัน",
                "the [ or { opened here is not closed, or holds a text with a colon; close it on the same line")
    if "while scanning an alias" in (exc.context or "") or "while scanning an anchor" in (exc.context or "") or (
        "that cannot start any token" in problem or problem.startswith("found undefined alias")
    ):
        value = current.split(":", 1)[-1].strip() if ":" in current else current.strip()
        char = value[:1] if value[:1] in SPECIAL_STARTS else (current[col - 1] if 0 < col <= len(current) else "")
        return (f"ข้อความที่ขึ้นต้นด้วย {char or 'เครื่องหมายพิเศษ'} (เช่น * & ! | > @ ` %) ต้องใส่เครื่องหมายคำพูดครอบ "
                f"เช่น \"{current.split(':', 1)[-1].strip() or '...'}\"",
                f"a text starting with {char or 'a special sign'} (* & ! | > @ ` %) must be quoted, "
                f"e.g. \"{current.split(':', 1)[-1].strip() or '...'}\"")
    if problem == "but found another document":
        return ("บรรทัด --- แบ่งไฟล์เป็นหลายส่วน ไฟล์หนึ่งต้องมีส่วนเดียว ให้ลบบรรทัดนี้",
                "a --- line starts a second document; a file holds one: delete this line")
    return ("ตรวจบรรทัดนี้และบรรทัดก่อนหน้า: ย่อหน้า เครื่องหมาย : หลังชื่อคีย์ และเครื่องหมายคำพูด",
            "check this line and the one above: indentation, the colon after each key, and quotes")


def _in_brackets(exc: yaml.MarkedYAMLError, problem: str) -> bool:
    return problem.startswith(("expected ',' or ']'", "expected ',' or '}'")) or "flow" in (exc.context or "")


def _unclosed_bracket(lines: list[str], upto: int) -> tuple[int, int] | None:
    """(line, column) of the last ``[`` or ``{`` still open at line ``upto`` (quotes and comments skipped)."""
    stack: list[tuple[int, int]] = []
    for number, line in enumerate(lines[:upto], 1):
        quote = ""
        for col, ch in enumerate(line, 1):
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'":
                quote = ch
            elif ch == "#" and (col == 1 or line[col - 2] == " "):
                break
            elif ch in "[{":
                stack.append((number, col))
            elif ch in "]}" and stack:
                stack.pop()
    return stack[-1] if stack else None


_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#][^:#]*:(\s|$)")


def _mapping_value_cause(lines: list[str], line: int, col: int) -> tuple[str, str]:
    """PyYAML's commonest error has three usual causes; tell them apart by the lines around it."""
    current = lines[line - 1] if line <= len(lines) else ""
    first_colon = current.find(": ")
    if 0 <= first_colon < col - 2:  # a second ': ' after the key's own: a colon inside the text
        return ("ข้อความในบรรทัดนี้มีเครื่องหมาย ': ' ให้ใส่เครื่องหมายคำพูดครอบทั้งข้อความ เช่น title: \"ขั้นตอน: ประชุม\"",
                "the text on this line holds ': '; put the whole text in quotes, e.g. title: \"step: meeting\"")
    above = _previous(lines, line - 1)
    if above is not None and not _KEY.match(lines[above]) and not lines[above].lstrip().startswith("- "):
        return ("@aboveบรรทัดนี้ขาดเครื่องหมาย : หลังชื่อคีย์ ให้เขียนเช่น total: 94.50",
                "@abovethis line misses the colon after its key; write e.g. total: 94.50")
    return ("บรรทัดนี้ย่อหน้าลึกกว่าบรรทัดก่อน ซึ่งมีค่าอยู่แล้ว ให้ลบช่องว่างต้นบรรทัดให้ตรงกับคีย์อื่นในระดับเดียวกัน",
            "this line is indented deeper than the one above, which already has a value; align it with the other keys")
