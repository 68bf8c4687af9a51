"""Jinja's own cache of compiled templates, shared by our page templates and the theme's (MkDocs' Jinja
environment): compiling Material's templates cost every build of the default site about a tenth of a second, the
same on every build. The cache lives in the system's temporary folder (Jinja's private one); nothing in it can change
a page: an entry is used only for the same template name and source, the same options that shape compiled code,
the same Jinja and the same Python. A cache that cannot be read or written is not used."""

from __future__ import annotations

import contextlib
import hashlib
import pickle

import jinja2
import jinja2.bccache


def options_key(env: jinja2.Environment) -> str:
    """What, besides the source, makes a template compile to other code in ``env``."""
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else getattr(env.autoescape, "__qualname__", "?")
    finalize = None if env.finalize is None else getattr(env.finalize, "__qualname__", "?")
    shape = (
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
        env.is_async, autoescape, finalize, sorted(env.extensions), jinja2.__version__,
    )
    return hashlib.sha256(repr(shape).encode()).hexdigest()[:16]


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Entries named by the template's name and the environment's options, not by its file's path: the theme of a
    build sits in a temporary tree whose path changes every time (the source's checksum is checked on load)."""

    def __init__(self, env: jinja2.Environment, directory: str | None = None) -> None:
        super().__init__(directory, pattern=f"__itasite_{options_key(env)}_%s.cache")

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):  # a half-written or foreign file: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def use_compiled_templates(env: jinja2.Environment) -> jinja2.Environment:
    """``env`` with the cache, when the system has a private temporary folder for it (Jinja refuses a shared one)."""
    with contextlib.suppress(OSError, RuntimeError):
        env.bytecode_cache = CompiledTemplates(env)
    return env
