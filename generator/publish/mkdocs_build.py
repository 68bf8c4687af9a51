"""Running MkDocs for ``itasite build`` and ``build-many``: its configuration, its log and its build, with the
content's errors and MkDocs' own failures turned into the exceptions the command line reports."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError

from generator.errors import UserError
from generator.publish.plugin import CONTENT_ERRORS, ContentBuildError


def load_mkdocs_config(path: Path, *, strict: bool | None = None) -> MkDocsConfig:
    try:
        return load_config(config_file=str(path)) if strict is None else load_config(config_file=str(path), strict=strict)
    except ConfigurationError as exc:
        raise UserError(f"{path}: {exc}") from None


class _HideContentReport(logging.Filter):
    """``itasite build`` prints the content's findings itself; MkDocs' copy of them (with its English prefix) goes."""

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


def build_with_mkdocs(config_path: Path, *, strict: bool) -> int:
    """``mkdocs build`` with the plugin, which runs the pipeline once; the old ``site/`` stays unless it succeeds."""
    from mkdocs.commands.build import build

    config = load_mkdocs_config(config_path, strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except Abort as exc:
        if isinstance(exc.__context__, ContentBuildError):
            raise exc.__context__.error from None
        raise UserError(str(exc)) from None
    except BuildError as exc:
        raise UserError(str(exc)) from None
    finally:
        config.plugins.on_shutdown()
    return 0
