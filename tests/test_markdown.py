"""generator.markdown: untrusted text becomes inert Markdown, links are encoded, generated pages link relatively."""

from __future__ import annotations

import html
import re

import markdown as python_markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.render.markdown import escape_attribute, escape_markdown, escape_text, escape_url, link
from generator.urls import relative

# -- escape_markdown: exact output ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("เทศบาลเมืองดอนสัก", "เทศบาลเมืองดอนสัก"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ('<a href="javascript:alert(1)">x</a>', '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;'),
        ("a & b", "a &amp; b"),
        ("&lt;script&gt;", "&amp;lt;script&amp;gt;"),
        ("*bold* _em_ | pipe", r"\*bold\* \_em\_ \| pipe"),
        ("[click](javascript:alert(1))", r"\[click\](javascript:alert(1))"),
        ("![x](http://evil/x.png)", r"!\[x\](http://evil/x.png)"),
        ("`code`", r"\`code\`"),
        ("back\\slash", r"back\\slash"),
        ('{: onclick="x"}', r'\{: onclick="x"\}'),
        ("# heading", r"\# heading"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("1. list", r"1\. list"),
        ("๑. ข้อแรก", r"๑\. ข้อแรก"),
        ("   # indented", r"\# indented"),
        ("a - b #c 2. d", "a - b #c 2. d"),
        ("2568", "2568"),
        ("", ""),
    ],
)
def test_escape_markdown_exact(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_escape_markdown_turns_line_breaks_into_br_within_one_block() -> None:
    assert escape_markdown("บรรทัดแรก\r\n  บรรทัดสอง\nบรรทัดสาม") == "บรรทัดแรก<br>บรรทัดสอง<br>บรรทัดสาม"
    assert escape_markdown("ก\rข") == "ก<br>ข"
    assert escape_markdown("\n  ข้อความ  \n") == "ข้อความ"


def test_escape_markdown_returns_markup_and_leaves_markup_alone() -> None:
    escaped = escape_markdown("<b>")
    assert isinstance(escaped, Markup)
    assert escape_markdown(Markup("**ตัวหนา**")) == "**ตัวหนา**"
    assert escape_markdown(escaped) == "&lt;b&gt;"  # escaping twice does not double-escape


def test_escape_markdown_accepts_numbers() -> None:
    assert escape_markdown(94.5) == r"94\.5"  # a leading "94." could start a list; the backslash renders away
    assert _render(str(escape_markdown(94.5))) == "<p>94.5</p>"
    assert escape_markdown(3) == "3"


# -- link / escape_url ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        ("รายงานผล", "https://donsak.go.th/report.pdf", "[รายงานผล](https://donsak.go.th/report.pdf)"),
        ("<b>x</b>", "https://a.th/x y", "[&lt;b&gt;x&lt;/b&gt;](https://a.th/x%20y)"),
        ("[a](b)", "mailto:saraban@donsak.go.th", r"[\[a\](b)](mailto:saraban@donsak.go.th)"),
        ("ไฟล์", "https://a.th/ไทย", "[ไฟล์](https://a.th/%E0%B9%84%E0%B8%97%E0%B8%A2)"),
        ("วงเล็บ", "https://a.th/a(b)", "[วงเล็บ](https://a.th/a%28b%29)"),
        ("คำพูด", "https://a.th/\"x'", "[คำพูด](https://a.th/%22x%27)"),
        ("หน้า", "../2568/index.md", "[หน้า](../2568/index.md)"),
        ("*x*", "https://a.th/p?q=1&r=%20#frag", r"[\*x\*](https://a.th/p?q=1&amp;r=%20#frag)"),
    ],
)
def test_link_exact(title: str, url: str, expected: str) -> None:
    result = link(title, url)
    assert isinstance(result, Markup)
    assert result == expected


def test_escape_url_keeps_url_syntax_and_existing_percent_escapes() -> None:
    assert escape_url("https://a.th/p?q=1&r=%20#f") == "https://a.th/p?q=1&r=%20#f"
    assert escape_url("https://a.th/a b<c>") == "https://a.th/a%20b%3Cc%3E"


# -- relative ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("from_page", "to_page", "expected"),
    [
        ("index.md", "2568/index.md", "2568/index.md"),
        ("index.md", "2569/measures/index.md", "2569/measures/index.md"),
        ("2568/index.md", "2568/indicators/1.md", "indicators/1.md"),
        ("2568/index.md", "2568/oit/index.md", "oit/index.md"),
        ("2568/indicators/1.md", "2569/measures/m1.md", "../../2569/measures/m1.md"),
        ("2568/indicators/1.md", "2568/oit/o15.md", "../oit/o15.md"),
        ("2569/measures/m1.md", "2569/measures/index.md", "index.md"),
        ("2568/oit/o15.md", "2568/oit/index.md", "index.md"),
        ("2569/measures/index.md", "index.md", "../../index.md"),
        ("2568/index.md", "2568/index.md", "index.md"),
    ],
)
def test_relative_exact(from_page: str, to_page: str, expected: str) -> None:
    assert relative(from_page, to_page) == expected


# -- what a reader sees: escaped text rendered by Python-Markdown is the original text --------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    '<a href="javascript:alert(1)">x</a>',
    "*bold* _em_ | pipe",
    "# heading",
    "1. list",
    "- bullet",
    '{: onclick="x"}',
    "&lt;script&gt;",
    "back\\slash `tick`",
    "ข้อความภาษาไทย ๑. ไม่ใช่รายการ",
]


def _render(md: str) -> str:
    return python_markdown.markdown(md, extensions=["tables", "toc"])


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_renders_as_the_same_text_in_every_markdown_context(payload: str) -> None:
    value = escape_markdown(payload)
    contexts = {
        "paragraph": f"{value}\n",
        "heading": f"# {value}\n",
        "bullet": f"- {value}\n",
        "numbered": f"1. {value}\n",
        "table cell": f"| a | b |\n|---|---|\n| {value} | x |\n",
        "bold": f"**{value}**\n",
    }
    for where, md in contexts.items():
        rendered = _render(md)
        for forged in ("<script", "<img", "<a ", "<em>", "<code>", "<blockquote>"):
            assert forged not in rendered, (where, rendered)
        # exactly the structure of the context, none forged by the text
        assert rendered.count("<h1") == (where == "heading"), (where, rendered)
        assert rendered.count("<strong>") == (where == "bold"), (where, rendered)
        assert rendered.count("<ul>") == (where == "bullet"), (where, rendered)
        assert rendered.count("<ol>") == (where == "numbered"), (where, rendered)
        assert rendered.count("<li>") == (where in ("bullet", "numbered")), (where, rendered)
        if where == "table cell":
            cells = re.findall(r"<td>(.*?)</td>", rendered)
            assert [_text(c) for c in cells] == [payload, "x"], rendered
        else:
            assert _text(rendered) == payload, (where, rendered)


def test_escaped_multiline_text_stays_one_paragraph() -> None:
    rendered = _render(str(escape_markdown("ย่อหน้า\n# ไม่ใช่หัวข้อ\n- ไม่ใช่รายการ")))
    assert rendered == "<p>ย่อหน้า<br># ไม่ใช่หัวข้อ<br>- ไม่ใช่รายการ</p>"


def test_link_renders_to_one_anchor_with_the_encoded_address() -> None:
    rendered = _render(str(link("[click](javascript:alert(1))", "https://a.th/a (b)")))
    assert rendered == '<p><a href="https://a.th/a%20%28b%29">[click](javascript:alert(1))</a></p>'


def test_an_entity_in_an_address_stays_text_in_the_published_link() -> None:
    import markdown

    html = markdown.markdown(link("x", "files/a&#58;b.pdf"))
    assert 'href="files/a&amp;#58;b.pdf"' in html  # the browser reads "a&#58;b.pdf", never "a:b.pdf"


@given(st.text(alphabet=st.sampled_from("ก ข๑1.#-+*_[]|&<>\\`{}\n\r\t ําิ่"), max_size=12) | st.text(max_size=12))
def test_the_fast_path_escapes_exactly_like_the_full_escaping(text: str) -> None:
    assert str(escape_markdown(text)) == escape_text(text)


def test_attribute_text_cannot_end_the_attribute_or_form_markdown() -> None:
    value = escape_attribute('a|b "c" \'d\' <i> *e* _f_ [g](h) `i` \\ & #\nรอบ ๖')
    assert value == ("a&#124;b &#34;c&#34; &#39;d&#39; &#60;i&#62; &#42;e&#42; &#95;f&#95; &#91;g&#93;&#40;h&#41; "
                     "&#96;i&#96; &#92; &#38; &#35; รอบ ๖")
    assert html.unescape(value) == 'a|b "c" \'d\' <i> *e* _f_ [g](h) `i` \\ & # รอบ ๖'
