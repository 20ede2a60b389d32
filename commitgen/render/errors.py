"""A failure while rendering, told as the template file and line that caused it."""

from __future__ import annotations

import traceback

import jinja2

from commitgen.compute.budget import ComputeLimitExceeded
from commitgen.printable import excerpt
from commitgen.render.budget import TemplateLimitExceeded
from commitgen.render.environment import DOCUMENT_NOTE


def template_error(exc: Exception) -> str | None:
    """Name the template file and line that failed, from the traceback Jinja2 rewrites;
    None for a failure with no template in its traceback (a bug of commitgen's). The
    document being rendered comes first when the renderer noted it."""
    document = next((note.removeprefix(DOCUMENT_NOTE) + ": "
                     for note in getattr(exc, "__notes__", ()) if note.startswith(DOCUMENT_NOTE)),
                    "")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{document}{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}"
    where = ""
    for frame, line in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename.endswith((".j2", ".html", ".css")):
            where = f"{frame.f_code.co_filename}:{line}: "
    if not where:
        return document + str(exc) if isinstance(
            exc, TemplateLimitExceeded | ComputeLimitExceeded) else None
    return f"{document}{where}template error: {type(exc).__name__}: {excerpt(str(exc), 300)}"
