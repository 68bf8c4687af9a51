"""The portal's page addresses (Markdown sources relative to the docs folder, as :mod:`generator.urls` names an
organisation's): stable, so a supervisor's bookmark of a district's OIT matrix keeps working."""

from __future__ import annotations

ORGANISATIONS_PAGE = "organisations/index.md"
PORTAL_JSON = "data/portal.json"


def member_page(slug: str) -> str:
    return f"organisations/{slug}.md"


def portal_year_page(year: int) -> str:
    return f"{year}/index.md"


def ranking_page(year: int) -> str:
    return f"{year}/ranking.md"


def group_page(year: int, slug: str) -> str:
    return f"{year}/groups/{slug}.md"


def coverage_page(year: int) -> str:
    return f"{year}/oit/index.md"


def coverage_group_page(year: int, slug: str) -> str:
    return f"{year}/oit/{slug}.md"


def members_csv(year: int) -> str:
    return f"data/{year}/organisations.csv"


def coverage_csv(year: int) -> str:
    return f"data/{year}/oit-coverage.csv"
