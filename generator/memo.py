"""What a preview keeps from one render of the site to the next, so an edit redoes only what depends on it.

Every stage that uses it is a pure function of its inputs; a result made before is handed out again when the inputs
it was made from are equal (``==``) to this round's. The content's models are frozen and a preview's loader hands out
the same model object for a file that did not change, so comparing the inputs costs an identity test for all but
what the edit touched. A stage that cannot name its inputs before it runs records what it read (the years a page
looked up) and keeps that with its result: the next round compares just those.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """Results by name, with what each was made from. Only the entries of the last finished round are kept
    (:meth:`end_round`), so a page or year that is gone does not stay in memory."""

    def __init__(self) -> None:
        self._last: dict[Hashable, Any] = {}
        self._this: dict[Hashable, Any] = {}

    def recall(self, name: Hashable) -> Any:
        """The entry kept under ``name`` (this round's if one was kept already), else None."""
        entry = self._this.get(name)
        return entry if entry is not None else self._last.get(name)

    def keep(self, name: Hashable, entry: Any) -> None:
        self._this[name] = entry

    def get(self, name: Hashable, inputs: object, make: Callable[[], T]) -> T:
        """``make()``, or what it gave before for equal ``inputs``."""
        entry = self.recall(name)
        if entry is not None and entry[0] == inputs:
            value: T = entry[1]
        else:
            value = make()
        self.keep(name, (inputs, value))
        return value

    def end_round(self) -> None:
        """A render finished: what it did not use is dropped. (A render that failed half-way keeps both rounds'.)"""
        self._last, self._this = self._this, {}


def remembered(memo: Memo | None, name: Hashable, inputs: object, make: Callable[[], T]) -> T:
    """``memo.get(…)``, or just ``make()`` without a memo (a build: everything is made once)."""
    return make() if memo is None else memo.get(name, inputs, make)
