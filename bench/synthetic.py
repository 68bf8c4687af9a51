"""Synthetic but realistic sites for the benchmark: N years × M measures × each year's OIT items.

The Thai text is made of phrases taken from the default site and the examples (content/, examples/*/content/),
so pages have the length and character mix of real reports. Each year gets a full result (all ten indicators, every
question, findings and guidelines, totals that add up), a measures plan with two reporting rounds, and the OIT
disclosures of every item of that year's framework. Years after 2569 get ``content/frameworks/<year>.yml`` with
``extends: 2569``. The same (pages, seed) always gives the same files.

    python -m bench.synthetic OUT_DIR --pages 2000 [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path
from typing import Any

import yaml

from generator.load.frameworks import load_shipped_framework, shipped_years
from generator.model.types import Framework

ROOT = Path(__file__).resolve().parent.parent
FIRST_YEAR = 2563
LAST_SHIPPED = shipped_years()[-1]
THAI = re.compile(r"[\u0e01-\u0e5b]")
UNITS = [
    ("palad", "สำนักปลัด", None),
    ("klang", "กองคลัง", None),
    ("chang", "กองช่าง", None),
    ("yutthasat", "กองยุทธศาสตร์และงบประมาณ", None),
    ("phatsadu", "งานพัสดุ", "klang"),
    ("bukkhon", "งานทรัพยากรบุคคล", "palad"),
    ("prachasamphan", "งานประชาสัมพันธ์", "yutthasat"),
    ("thurakan", "งานธุรการ", "palad"),
]
ROUNDS = [("6m", "รอบ 6 เดือน"), ("12m", "รอบ 12 เดือน")]
STATUSES = ["done", "in_progress", "not_started", "planned"]


def collect_phrases(root: Path = ROOT) -> list[str]:
    """Space-separated Thai phrases of every string in the shipped content and examples, in a stable order."""
    files = sorted((root / "content").rglob("*.yml")) + sorted((root / "examples").glob("*/content/**/*.yml"))
    phrases: set[str] = set()
    for path in (f for f in files if f.name != "portal.yml"):  # organisations' content only, not the example portal
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            phrases.update(p for p in text.split() if len(p) >= 3 and THAI.search(p))
    return sorted(phrases)


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


class _Writer:
    """Draws text and numbers from one seeded random generator, so a site is a pure function of its seed."""

    def __init__(self, seed: int, phrases: list[str]) -> None:
        self.rng = random.Random(seed)
        self.phrases = phrases

    def sentence(self, words: tuple[int, int] = (3, 8)) -> str:
        return " ".join(self.rng.choice(self.phrases) for _ in range(self.rng.randint(*words)))

    def paragraphs(self, count: tuple[int, int], words: tuple[int, int] = (3, 8)) -> list[str]:
        """Paragraphs of 3–8 phrases: about 170 characters, as in the seeds (mean 162 in content/2569)."""
        return [self.sentence(words) for _ in range(self.rng.randint(*count))]

    def score(self, low: float = 85.0) -> float:
        """At or above the pass mark: an indicator below it needs a measure, or `itasite check` warns."""
        return round(self.rng.uniform(low, 100.0), 2)


def plan_years(pages: int) -> tuple[list[int], int]:
    """Years and measures per year so the site has about ``pages`` pages (each nav level stays under 100)."""
    measures = 10 if pages <= 600 else 30
    years: list[int] = []
    total = 1  # home
    while total < pages:
        year = FIRST_YEAR + len(years)
        years.append(year)
        total += year_pages(year, measures)
    return years, measures


def year_pages(year: int, measures: int) -> int:
    """year + indicators (1 + 10) + measures (1 + M) + OIT (1 + items)."""
    return 1 + 11 + (1 + measures) + 1 + len(framework_of(year).items)


_FRAMEWORKS: dict[int, Framework] = {}


def framework_of(year: int) -> Framework:
    base = min(year, LAST_SHIPPED)
    if base not in _FRAMEWORKS:
        framework = load_shipped_framework(base)
        assert framework is not None
        _FRAMEWORKS[base] = framework
    return _FRAMEWORKS[base]


def question_codes(framework: Framework, indicator: int) -> list[str]:
    """The framework's questions of an indicator, or three per IIT/EIT indicator where it lists none."""
    if indicator in (9, 10):
        return [i.code for i in framework.items if i.indicator == indicator]
    listed = [q.code for q in framework.questions if q.indicator == indicator]
    if listed:
        return listed
    prefix, first = ("i", 1) if indicator <= 5 else ("e", 6)
    return [f"{prefix}{(indicator - first) * 3 + k}" for k in (1, 2, 3)]


def make_result(w: _Writer, year: int) -> dict[str, Any]:
    framework = framework_of(year)
    indicators = []
    for ind in framework.indicators:
        codes = question_codes(framework, ind.number)
        scores = [w.score() for _ in codes]
        questions = []
        for code, score in zip(codes, scores, strict=True):
            row: dict[str, Any] = {"code": code, "score": score}
            if score < 92:
                row["finding"] = w.paragraphs((1, 2))
            questions.append(row)
        indicators.append({
            "indicator": ind.number,
            "score": round(sum(scores) / len(scores), 2),
            "questions": questions,
            "guidelines": w.paragraphs((2, 5)),
        })
    means = {}
    for tool in framework.tools:
        values = [i["score"] for i in indicators if i["indicator"] in tool.indicators]
        means[tool.code.value] = sum(values) / len(values)
    total = round(sum(t.weight * means[t.code.value] for t in framework.tools), 2)
    return {
        "total": total,
        "level": _level(framework, total, list(means.values())),
        "summary": w.paragraphs((1, 3)),
        "indicators": indicators,
        "conclusion": w.paragraphs((1, 2)),
    }


def _level(framework: Framework, total: float, tools: list[float]) -> str:
    for level in framework.levels:
        if total + 1e-9 < level.min_total:
            continue
        if level.min_each_tool is not None and any(t + 1e-9 < level.min_each_tool for t in tools):
            continue
        return level.name
    return framework.levels[-1].name


def make_plan(w: _Writer, year: int, based_on: int, count: int) -> dict[str, Any]:
    items = [i.code for i in framework_of(based_on).items]
    measures = []
    for n in range(1, count + 1):
        # measures whose deadline has passed are finished, or `itasite check` warns (as it would a clerk)
        status = "done" if year <= LAST_SHIPPED else w.rng.choice(STATUSES)
        reported = 2 if status == "done" else 0 if status == "planned" else 1
        results = []
        if reported:
            for round_id, month in (("6m", 3), ("12m", 9))[:reported]:
                results.append({
                    "round": round_id,
                    "status": status,
                    "date": f"{year}-{month:02d}-{w.rng.randint(1, 28):02d}",
                    "actions": w.paragraphs((1, 3)),
                    "outcome": w.paragraphs((0, 2)),
                })
        measures.append({
            "id": f"m{n}",
            "title": w.sentence((1, 3)),
            "indicators": sorted(w.rng.sample(range(1, 11), w.rng.randint(1, 2))),
            "questions": sorted(w.rng.sample(items, 2), key=lambda c: int(c[1:])),
            "issue": w.paragraphs((1, 2)),
            "approach": w.paragraphs((1, 3)),
            "steps": [w.sentence((2, 6)) for _ in range(w.rng.randint(2, 5))],
            "owners": [w.rng.choice(UNITS)[0]],
            "timeframe": {"start": f"{year - 1}-10-01", "end": f"{year}-09-30"},
            "status": status,
            "results": results,
            "evidence": [{"title": w.sentence((1, 2)), "url": f"https://www.example.go.th/ita/{year}/m{n}.pdf"}],
        })
    return {"based_on": based_on, "rounds": [{"id": i, "label": label} for i, label in ROUNDS], "measures": measures}


def make_oit(w: _Writer, year: int) -> dict[str, Any]:
    items = []
    for item in framework_of(year).items:
        items.append({
            "item": item.code,
            "links": [
                {"title": w.sentence((1, 3)), "url": f"https://www.example.go.th/oit/{year}/{item.code}/{k}"}
                for k in range(1, w.rng.randint(1, 3) + 1)
            ],
            "updated": f"{year}-{w.rng.randint(1, 9):02d}-{w.rng.randint(1, 28):02d}",
        })
    return {"items": items}


def site_config(name: str, root: Path = ROOT) -> str:
    """The default site's configuration with this site's name and the theme folder of this checkout."""
    text = (root / "site_config.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_name: .*$", f"site_name: ITA {name}", text)
    return re.sub(r"(?m)^(\s*custom_dir:) .*$", rf"\1 {root / 'theme'}", text)


def write_site(out: Path, pages: int, seed: int = 0, phrases: list[str] | None = None) -> int:
    """Write site_config.yml and content/ for about ``pages`` pages into ``out``; returns the page count."""
    w = _Writer(seed, phrases if phrases is not None else collect_phrases())
    years, per_year = plan_years(pages)
    name = f"เทศบาลตำบลตัวอย่าง{seed + 1}"
    content = out / "content"
    content.mkdir(parents=True, exist_ok=True)
    (out / "site_config.yml").write_text(site_config(name), encoding="utf-8")
    _dump(content / "organisation.yml", {
        "name": name,
        "type": "เทศบาลตำบล",
        "district": "เมือง",
        "province": "สุราษฎร์ธานี",
        "description": w.paragraphs((1, 2)),
        "units": [{"id": i, "name": n, **({"parent": p} if p else {})} for i, n, p in UNITS],
    })
    for year in years:
        if year > LAST_SHIPPED:
            _dump(content / "frameworks" / f"{year}.yml", {"extends": LAST_SHIPPED})
        _dump(content / str(year) / "result.yml", make_result(w, year))
        _dump(content / str(year) / "measures.yml", make_plan(w, year, max(FIRST_YEAR, year - 1), per_year))
        _dump(content / str(year) / "oit.yml", make_oit(w, year))
    return 1 + sum(year_pages(y, per_year) for y in years)


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(write_site(args.out, args.pages, args.seed))


if __name__ == "__main__":
    main()
