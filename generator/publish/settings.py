"""The site's settings, read from its configuration file once and defaulted in one place.

The itasite options live where MkDocs expects plugin settings (``plugins: - itasite: {digits: thai}``); a site that
does not list the plugin gets the same defaults. Every front end (``build``, ``render``, ``report``, ``serve``, the
plugin itself) takes its settings from :func:`read_settings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from generator.errors import UserError
from generator.messages import Lang
from generator.render.pages import RenderSettings
from generator.thai import DateStyle, DigitStyle
from generator.urls import UrlScheme

PLUGIN = "itasite"
CHOICES: dict[str, tuple[str, ...]] = {"digits": ("thai", "arabic"), "date_style": ("long", "short"), "lang": ("th", "en")}
DEFAULTS: dict[str, Any] = {"digits": "thai", "date_style": "long", "lang": "th", "thai_search": True}
"""The plugin's options and their defaults: the plugin's own option table is made from these two."""


@dataclass(frozen=True)
class SiteSettings:
    """Everything a build needs to know about a site besides its content."""

    config_path: Path
    content_dir: Path
    site_dir: Path
    custom_dir: Path | None
    render: RenderSettings
    lang: Lang
    thai_search: bool
    strict: bool
    markdown_extensions: tuple[Any, ...] = ()
    mdx_configs: dict[str, Any] | None = None

    @property
    def root(self) -> Path:
        """The site's folder: the one holding its configuration file (and ``.itasite-cache/``)."""
        return self.config_path.parent

    @property
    def urls(self) -> UrlScheme:
        return self.render.urls


def load_mkdocs_config(path: Path, *, strict: bool | None = None, **overrides: Any) -> MkDocsConfig:
    """MkDocs' validated configuration of ``path``; a configuration MkDocs refuses is a :class:`UserError`."""
    if strict is not None:
        overrides["strict"] = strict
    try:
        return load_config(config_file=str(path), **overrides)
    except ConfigurationError as exc:
        raise UserError(f"{path}: {exc}") from None


def plugin_options(config: MkDocsConfig) -> dict[str, Any]:
    """The itasite options of a loaded configuration: as MkDocs validated them, else the defaults."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return dict(DEFAULTS)
    return {name: plugin.config.get(name, default) for name, default in DEFAULTS.items()}


def read_settings(config: MkDocsConfig, config_path: Path | None = None) -> SiteSettings:
    """The settings of a loaded configuration (``config_path`` when MkDocs did not record one)."""
    options = plugin_options(config)
    path = Path(config.config_file_path) if config.config_file_path else config_path
    if path is None:
        raise UserError("itasite: the configuration has no file")
    digits: DigitStyle = options["digits"]
    date_style: DateStyle = options["date_style"]
    custom_dir = config.theme.custom_dir
    return SiteSettings(
        config_path=path.resolve(),
        content_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        custom_dir=Path(custom_dir) if custom_dir else None,
        render=RenderSettings(
            digits=digits,
            date_style=date_style,
            urls=UrlScheme(directory_urls=bool(config.use_directory_urls)),
            site_name=config.site_name,
            site_url=config.site_url,
        ),
        lang=options["lang"],
        thai_search=bool(options["thai_search"]),
        strict=bool(config.strict),
        markdown_extensions=tuple(config.markdown_extensions),
        mdx_configs=dict(config.mdx_configs or {}),
    )


def load_settings(path: Path, *, strict: bool | None = None) -> SiteSettings:
    """Read a configuration file and its settings."""
    return read_settings(load_mkdocs_config(path, strict=strict), path)
