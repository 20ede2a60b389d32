"""``limits:`` in ``commitgen.yaml``: the resources one document may take.

A policy, a template or a stylesheet in a pull request is untrusted input; these bounds
make sure that whatever it holds, a build ends in bounded time and memory, failing
with the document and the limit named. The defaults leave real charters ample room
(``benchmarks/measure_limits.py`` measures them); a project that needs more raises
them here.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from commitgen.model.base import StrictModel

Count = Annotated[int, Field(ge=1, le=1_000_000)]


class Limits(StrictModel):
    """Resource limits of a build (every field optional)."""

    pdf_seconds: Count = Field(
        default=120, description="time one document's PDF may take, in seconds")
    pdf_memory_mb: Count = Field(
        default=2048, description="memory (address space) of one PDF worker process, in "
        "MiB; enforced on Linux and macOS")
    compute_seconds: Count = Field(
        default=60, description="time the compensation examples and tables of one policy's "
        "documents may take to compute, in seconds")
    template_seconds: Count = Field(
        default=30, description="time one document's HTML may take to render, in seconds")
    html_mb: Count = Field(
        default=10, description="size of one document's HTML (and of any value a template "
        "makes), in MiB of characters")
