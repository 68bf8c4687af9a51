"""The collector every check writes to: located findings, worded in the reader's language."""

from __future__ import annotations

from generator.errors import Finding, Severity
from generator.messages import Lang, say
from generator.model.site import Site
from generator.model.source import KeyPath, SourceFile


class Checker:
    def __init__(self, site: Site, lang: Lang) -> None:
        self.site, self.lang = site, lang
        self.findings: list[Finding] = []

    def say(self, th: str, en: str) -> str:
        return say(self.lang, th, en)

    def error(self, source: SourceFile, path: KeyPath, th: str, en: str, *, key: bool = False) -> None:
        self.findings.append(source.finding(path, self.say(th, en), key=key))

    def warn(self, source: SourceFile, path: KeyPath, th: str, en: str) -> None:
        self.findings.append(source.finding(path, self.say(th, en), severity=Severity.warning))

    def remind(self, source: SourceFile, path: KeyPath, th: str, en: str) -> None:
        """A finding that depends on today's date: shown, never failing ``check --strict``."""
        self.findings.append(source.finding(path, self.say(th, en), severity=Severity.reminder))
