"""ITA scoring: how the year's framework turns indicator scores into tool scores, the total and the level.

Pure functions of a :class:`Result` and its year's :class:`Framework`; the checker compares them with what was
announced, the pages and the open data show them.
"""

from __future__ import annotations

from statistics import fmean

from generator.model.site import tool_indicators
from generator.model.types import Framework, Result, Tool

TOLERANCE = 0.01
"""How far a printed figure may be from the computed one (reports round to two decimals)."""


def differs(a: float, b: float, tolerance: float = TOLERANCE) -> bool:
    """More than ``tolerance`` apart. Exactly the tolerance is within it: 96.01 against 96.00 must not depend on
    how the binary float of their difference happens to round (0.010000000000005)."""
    return abs(a - b) > tolerance + 1e-9


def known_codes(framework: Framework) -> dict[str, int]:
    """Code → indicator for every question and OIT item the framework lists."""
    return {q.code: q.indicator for q in framework.questions} | {i.code: i.indicator for i in framework.items}




def indicator_mean(result: Result, framework: Framework, tool: Tool) -> float | None:
    scores = {i.indicator: i.score for i in result.indicators}
    wanted = tool_indicators(framework, tool.value)
    if not wanted or any(n not in scores for n in wanted):
        return None
    return fmean(scores[n] for n in wanted)


def computed_total(result: Result, framework: Framework) -> float | None:
    """0.3·mean(IIT) + 0.3·mean(EIT) + 0.4·mean(OIT), with the year's weights; None if an indicator is missing."""
    total = 0.0
    for tool in framework.tools:
        mean = indicator_mean(result, framework, tool.code)
        if mean is None:
            return None
        total += tool.weight * mean
    return total


def tool_score(result: Result, framework: Framework, tool: Tool) -> float | None:
    """The announced tool score, or the mean of its indicators."""
    stated = getattr(result.tools, tool.value)
    return stated if stated is not None else indicator_mean(result, framework, tool)


def level_for(result: Result, framework: Framework) -> str | None:
    """The level the year's bands give for the announced total and tool scores; None when they cannot tell
    (a band that needs every tool's score is reached, but a tool score is neither announced nor computable)."""
    tools = [tool_score(result, framework, t.code) for t in framework.tools]
    for level in framework.levels:
        if result.total + 1e-9 < level.min_total:
            continue
        if level.min_each_tool is not None:
            if any(t is None for t in tools):
                return None
            if any(t + 1e-9 < level.min_each_tool for t in tools if t is not None):
                continue
        return level.name
    return None
