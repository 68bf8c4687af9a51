"""The build's log: MkDocs' logger (which the plugin and the engines' messages use) on stderr, without MkDocs' copy
of the content's findings, which ``itasite build`` prints itself."""

from __future__ import annotations

import logging
import sys

from generator.publish.plugin import CONTENT_ERRORS


class _HideContentReport(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(CONTENT_ERRORS)


def setup_logging(verbose: bool, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.addFilter(_HideContentReport())
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO)
    logger.propagate = False
