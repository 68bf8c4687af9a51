"""What the portal's pages show, computed once from the sources' readings: the organisations with their stable
page names, the years, the groups, and per year the counts, the level distribution and the ranking."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from generator.portal.config import GROUP_LABELS, Portal
from generator.portal.record import OrgRecord, YearRecord
from generator.portal.sources import SourceReading

TYPE_KEY = "type"
UNSTATED = "ไม่ระบุ"
"""The group of an organisation portal.yml gives no value of a key the others have: every matrix lists everyone."""


@dataclass(frozen=True)
class Member:
    """One organisation of the portal: its reading, its page's slug and its groups (portal.yml's, and its type)."""

    reading: SourceReading
    slug: str
    groups: dict[str, str]

    @property
    def name(self) -> str:
        return self.reading.name

    @property
    def record(self) -> OrgRecord | None:
        return self.reading.record

    def year(self, year: int) -> YearRecord | None:
        return self.record.year(year) if self.record else None

    def page_link(self, kind: str, year: int | None = None) -> str | None:
        """The address of a page of the organisation's own site, when it is known."""
        if self.record is None:
            return None
        if year is None:
            return self.record.pages.get(kind)
        found = self.record.year(year)
        return found.pages.get(kind) if found else None


@dataclass(frozen=True)
class Group:
    key: str
    value: str
    slug: str
    members: list[Member]

    @property
    def label(self) -> str:
        return GROUP_LABELS.get(self.key, self.key)


@dataclass(frozen=True)
class Ranked:
    rank: int
    member: Member
    year: YearRecord


@dataclass(frozen=True)
class YearSummary:
    year: int
    members: list[Member]
    results: int
    measures: int
    oit: int
    levels: list[tuple[str, int]]
    ranking: list[Ranked]


@dataclass(frozen=True)
class PortalView:
    portal: Portal
    members: list[Member]
    years: list[int]
    groups: dict[str, list[Group]]
    split_key: str | None

    @property
    def gaps(self) -> list[Member]:
        """The organisations whose data is not current (cannot be read, or only a last good copy)."""
        return [m for m in self.members if not m.reading.ok]

    @property
    def flagged(self) -> list[tuple[Member, YearRecord]]:
        """Every (organisation, year) whose published total disagrees with its indicator scores."""
        return [(m, y) for m in self.members if m.record for y in m.record.years if y.total_differs]

    def group_of(self, member: Member, key: str) -> Group | None:
        value = member.groups.get(key)
        return next((g for g in self.groups.get(key, []) if g.value == value), None) if value else None

    def summary(self, year: int, members: list[Member] | None = None) -> YearSummary:
        chosen = self.members if members is None else members
        records = [(m, m.year(year)) for m in chosen]
        present = [(m, y) for m, y in records if y is not None]
        with_total = [(m, y) for m, y in present if y.total is not None]
        levels = Counter(y.level or "–" for _, y in with_total)
        ordered = sorted(with_total, key=lambda my: (-(my[1].total or 0.0), my[0].name, my[0].slug))
        ranking: list[Ranked] = []
        for index, (member, record) in enumerate(ordered):
            tied = ranking and ranking[-1].year.total == record.total
            ranking.append(Ranked(ranking[-1].rank if tied else index + 1, member, record))
        return YearSummary(
            year=year,
            members=chosen,
            results=len(with_total),
            measures=sum(1 for _, y in present if y.measures),
            oit=sum(1 for _, y in present if y.oit_recorded),
            levels=sorted(levels.items(), key=lambda kv: (-kv[1], kv[0])),
            ranking=ranking,
        )

    def oit_items(self, year: int, members: list[Member] | None = None) -> list[tuple[str, str]]:
        """(code, title) of every OIT item any organisation's year lists, in the form's order."""
        seen: dict[str, str] = {}
        for m in self.members if members is None else members:
            record = m.year(year)
            for item in record.oit if record else []:
                seen.setdefault(item.item, item.title)
        return sorted(seen.items(), key=lambda kv: _code_key(kv[0]))


def _code_key(code: str) -> tuple[str, int, str]:
    match = re.fullmatch(r"([a-z]+)(\d+)(.*)", code)
    return (match.group(1), int(match.group(2)), match.group(3)) if match else (code, 0, "")


def slug_of(text: str, prefix: str = "") -> str:
    """A stable, safe folder name: the readable ASCII letters of ``text`` and a short hash of all of it."""
    readable = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return "-".join(part for part in (prefix, readable, digest) if part)


def _member_slug(reading: SourceReading) -> str:
    """From where the organisation is published, else its path as portal.yml writes it: the same on every
    machine that builds the portal."""
    address = reading.site_url or reading.entry.url
    if address:
        return slug_of(re.sub(r"^https?://", "", address))
    return slug_of(reading.entry.path or "")


def make_view(portal: Portal, readings: list[SourceReading]) -> PortalView:
    keys: list[str] = []
    for reading in readings:
        keys += [k for k in reading.entry.groups if k not in keys]
    members = []
    for reading in readings:
        own = {k: reading.entry.groups.get(k, UNSTATED) for k in keys}
        if TYPE_KEY not in own and reading.record and reading.record.type:
            own[TYPE_KEY] = reading.record.type
        members.append(Member(reading, _member_slug(reading), own))
    members.sort(key=lambda m: (m.name, m.slug))
    years = sorted({y.year for m in members if m.record for y in m.record.years})
    all_keys = keys + ([TYPE_KEY] if TYPE_KEY not in keys else [])
    groups: dict[str, list[Group]] = {}
    for key in all_keys:
        values = sorted({m.groups[key] for m in members if key in m.groups})
        if values:
            groups[key] = [Group(key, v, slug_of(v, _key_slug(key)), [m for m in members if m.groups.get(key) == v])
                           for v in values]
    # The matrices and the navigation are split by portal.yml's finest grouping: the key with the most groups (of two
    # as fine, the later one), so that no page lists a whole province's (or type's) organisations.
    split = max((k for k in keys if k in groups), key=lambda k: (len(groups[k]), keys.index(k)), default=None)
    return PortalView(portal, members, years, groups, split)


def _key_slug(key: str) -> str:
    readable = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")
    return readable or "g-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:6]


def counts_by_state(year: int, members: list[Member]) -> dict[str, Counter[str]]:
    """Per item and per state, how many of ``members`` stand there in ``year`` (the matrix's last row)."""
    per_item: dict[str, Counter[str]] = {}
    for m in members:
        record = m.year(year)
        for item in record.oit if record else []:
            per_item.setdefault(item.item, Counter())[item.state] += 1
    return per_item
