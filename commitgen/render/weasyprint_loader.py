"""WeasyPrint, imported without searching the system for its native libraries by name.

WeasyPrint tries several names for each native library (GObject, Pango, HarfBuzz,
fontconfig…). For each name without a dot, cffi asks ``ctypes.util.find_library``, which
on Linux runs ``ldconfig`` and, when that finds nothing, ``gcc`` and ``ld``: a dozen
processes and about 0.2 s of CPU time on every import. Each list also names the library's
own file (``libpango-1.0.so.0``), which the dynamic loader finds by itself. So on Linux
the search is skipped while WeasyPrint loads its libraries; should the import fail
without it, it is imported again the usual way. The process that forks PDF workers, and
each worker started otherwise, import WeasyPrint by importing this module
(:mod:`commitgen.render.pdf`).
"""

from __future__ import annotations

import ctypes.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def _loader_only() -> Iterator[None]:
    """``ctypes.util.find_library`` finds nothing (the loader's own search still runs)."""
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


def load() -> None:
    """Import WeasyPrint in this process (once)."""
    if "weasyprint" not in sys.modules and sys.platform.startswith("linux"):
        try:
            with _loader_only():
                import weasyprint
        except OSError:  # a library only a search finds: search as usual
            pass
    import weasyprint  # noqa: F401


load()
