"""Compiling a template part, with Jinja's bytecode cache so a template is compiled once per machine.

Compiling the shipped templates' 15 parts costs about 0.15 s: more than rendering a case's seven
documents, at every ``docpipe render`` and in every batch worker. Jinja's own
``FileSystemBytecodeCache`` keeps the compiled code on disk (in a per-user temporary folder that
Jinja creates private and checks), checked against Jinja's and Python's versions and the source's
checksum; a stale or damaged entry is compiled again. The entry's name also covers the environment's
settings that change the generated code, so a strict and a lenient template never share code.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from functools import cache

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from docpipe._version import __version__

DISABLE_VARIABLE = "DOCPIPE_NO_TEMPLATE_CACHE"
"""Set (to anything) to compile every template afresh, e.g. while debugging Jinja itself."""
FOLDER_VARIABLE = "DOCPIPE_TEMPLATE_CACHE"
"""A folder for the cache instead of Jinja's per-user temporary one (``docpipe serve`` keeps it in its
data folder, so it is the server's, and is removed with it)."""
MAX_ENTRY_BYTES = 2 * 1024 * 1024
"""A compiled part of a real template takes some kilobytes; Jinja folds constants when it compiles, so
``{{ 'x' * 200000000 }}`` would be a 200 MB entry. Larger entries are not kept."""


def compile_template(environment: jinja2.Environment, source: str) -> jinja2.Template:
    """``environment.from_string(source)``, from the bytecode cache when an entry fits."""
    bytecode = bytecode_cache()
    if bytecode is None:
        return environment.from_string(source)
    name = _entry_name(environment, source)
    try:
        bucket = bytecode.get_bucket(environment, name, None, source)
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, OSError):
        # a damaged entry (Jinja reads its checksum with pickle): compile and write it afresh
        bucket = Bucket(environment, bytecode.get_cache_key(name), bytecode.get_source_checksum(source))
    if bucket.code is None:
        bucket.code = environment.compile(source)  # a syntax error is raised here, as from from_string
        if len(bucket.bytecode_to_string()) <= MAX_ENTRY_BYTES:
            with contextlib.suppress(OSError):  # a full or read-only disk only costs the next process a compile
                bytecode.set_bucket(bucket)
    return environment.template_class.from_code(environment, bucket.code, environment.make_globals(None))


def _entry_name(environment: jinja2.Environment, source: str) -> str:
    settings = (__version__, type(environment).__qualname__, environment.undefined.__qualname__,
                repr(environment.autoescape), getattr(environment.finalize, "__qualname__", ""),
                environment.keep_trailing_newline, environment.trim_blocks, environment.lstrip_blocks)
    return hashlib.sha256(repr(settings).encode() + b"\0" + source.encode()).hexdigest()


def keep_compiled_templates_in(folder: str | os.PathLike[str]) -> None:
    """Keep this process's compiled templates, and its worker processes', in ``folder``."""
    os.environ[FOLDER_VARIABLE] = os.fspath(folder)
    bytecode_cache.cache_clear()


@cache
def bytecode_cache() -> FileSystemBytecodeCache | None:
    """The cache, or None when disabled or when no private folder can be made (then: no caching)."""
    if os.environ.get(DISABLE_VARIABLE):
        return None
    folder = os.environ.get(FOLDER_VARIABLE)
    try:
        if folder:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        return FileSystemBytecodeCache(directory=folder or None, pattern="docpipe-%s.cache")
    except (OSError, RuntimeError):
        return None
