"""Every unknown name of a trial render, not just the first: what ``templates check`` reports.

A strict template stops at the first name its context lacks, so a template with three misspelt
fields needs three rounds of fixing. A trial render with NotedUndefined instead renders each such
name empty and goes on, noting it wherever strict mode would have raised (printing, looping,
testing, comparing, attribute access, arithmetic); ``default`` and ``is defined`` still see an
undefined value and note nothing, as they do not fail in strict mode either. The notes go to the
list that ``noting()`` opens for the current thread (a context variable), so templates rendering
in other threads are not mixed in.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import jinja2


@dataclass(frozen=True)
class UnknownName:
    """A name a template part reads that the context does not hold."""

    part: str  # "the body", "the header" ...
    name: str  # the missing name: "naem" for org.naem, "titel" for titel
    message: str  # Jinja's words, as strict mode says them: "'dict object' has no attribute 'naem'"


_NOTES: ContextVar[dict[tuple[str, str], None] | None] = ContextVar("docpipe_unknown_names", default=None)


@contextmanager
def noting() -> Iterator[dict[tuple[str, str], None]]:
    """A fresh record of (name, message) pairs, in the order met, for the renders inside the block."""
    notes: dict[tuple[str, str], None] = {}
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


class NotedUndefined(jinja2.Undefined):
    """An undefined value that renders empty, loops over nothing and is false, and notes its name
    each time strict mode would have raised; operations on it give it back, so a render goes on."""

    __slots__ = ()

    def _noted(self) -> NotedUndefined:
        notes = _NOTES.get()
        if notes is not None:
            name = self._undefined_name
            notes[("" if name is None else str(name), self._undefined_message)] = None
        return self

    def _noted_and_again(self, *_args: Any, **_kwargs: Any) -> Any:
        """Arithmetic, comparing, calling, indexing: noted, and the result is unknown again. As the
        result of ``int()``/``float()`` it is refused, so the ``int`` filter gives its default."""
        return self._noted()

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__" and name[-2:] == "__":
            raise AttributeError(name)  # Python probing for a protocol, not the template
        return self._noted()

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _noted_and_again
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _noted_and_again
    __mod__ = __rmod__ = __pos__ = __neg__ = __pow__ = __rpow__ = _noted_and_again
    __call__ = __getitem__ = __lt__ = __le__ = __gt__ = __ge__ = _noted_and_again
    __int__ = __float__ = __complex__ = _noted_and_again

    def __str__(self) -> str:
        self._noted()
        return ""

    def __html__(self) -> str:
        return str(self)

    def __iter__(self) -> Iterator[Any]:
        self._noted()
        return iter(())

    def __len__(self) -> int:
        self._noted()
        return 0

    def __bool__(self) -> bool:
        self._noted()
        return False

    def __contains__(self, _item: object) -> bool:
        self._noted()
        return False

    def __eq__(self, other: object) -> bool:
        self._noted()
        return type(self) is type(other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        self._noted()
        return id(type(self))
