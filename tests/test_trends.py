"""generator.trends: scores across result years and the changes between them, computed (never typed)."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from generator.load.content import load_content
from generator.model.site import Site
from generator.model.trends import TrendRow, compute_trends, latest_changes


def _site(path: Path) -> Site:
    site, findings = load_content(path / "content", path)
    assert site is not None and [f for f in findings if f.severity.value == "error"] == []
    return site


def test_changes_are_later_minus_earlier_and_none_next_to_a_missing_score() -> None:
    row = TrendRow("x", (90.0, 92.5, None, 95.0))
    assert row.changes == (None, 2.5, None, None)
    assert row.overall == 5.0
    assert TrendRow("x", (None, 80.0)).overall is None
    assert TrendRow("x", (80.1, 80.3)).changes == (None, 0.2)  # rounded to the two decimals a report prints


def test_muang_mu_trends_over_2566_and_2567() -> None:
    trends = compute_trends(_site(ROOT / "examples" / "muang-mu"))
    assert trends.years == (2566, 2567)
    assert trends.total.values == (97.72, 94.69) and trends.total.overall == -3.03
    assert [(r.label, r.values) for r in trends.tools] == [
        ("IIT", (99.89, 100.0)), ("EIT", (92.39, 99.74)), ("OIT", (100.0, 86.91))
    ]
    indicators = dict(trends.indicators)
    assert list(indicators) == list(range(1, 11))
    assert indicators[10].label == "การป้องกันการทุจริต"
    assert indicators[10].values == (100.0, 76.67) and indicators[10].overall == -23.33


def test_one_result_year_has_no_latest_changes() -> None:
    site = _site(ROOT)
    assert compute_trends(site).years == (2568,)
    assert latest_changes(site) is None
    changes = latest_changes(_site(ROOT / "examples" / "muang-mu"))
    assert changes is not None and changes.years == (2566, 2567)
