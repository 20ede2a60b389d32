"""A running preview: the first build, the server on its own thread, and the watch loop
that rebuilds on every relevant save. :func:`serve` is what ``commitgen serve`` calls."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from commitgen.preview.builder import PreviewBuilder, PreviewState
from commitgen.preview.server import PreviewServer
from commitgen.preview.watcher import changes
from commitgen.runtime import Runtime

#: told after the first build and after every rebuild: (changed paths, state)
Report = Callable[[set[Path], PreviewState], None]


class Preview:
    """Builds once, then serves; use as a context manager (it stops the server and removes
    the private folder on the way out, also after Ctrl-C)."""

    def __init__(self, root: Path, runtime: Runtime, host: str = "127.0.0.1",
                 port: int = 8000, staff: bool = False) -> None:
        self.root = root.resolve()
        self.builder = PreviewBuilder(self.root, runtime, staff=staff)
        self.stop = threading.Event()
        try:
            self.server = PreviewServer(self.builder, host, port)
        except BaseException:
            self.builder.close()
            raise
        self._thread = threading.Thread(target=self.server.serve_forever, name="preview",
                                        kwargs={"poll_interval": 0.2}, daemon=True)

    @property
    def url(self) -> str:
        return self.server.url

    def __enter__(self) -> Preview:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop.set()
        self.server.stop()
        self._thread.join(timeout=5)
        self.builder.close()

    def watch(self, report: Report) -> None:
        """Rebuild on every relevant change until :attr:`stop` is set (or Ctrl-C)."""
        for paths in changes(self.root, lambda: self.builder.project, self.stop):
            report(paths, self.builder.rebuild())


def serve(root: Path, runtime: Runtime, report: Report, host: str = "127.0.0.1",
          port: int = 8000, staff: bool = False,
          started: Callable[[Preview], None] | None = None) -> None:
    """Build, serve and rebuild until interrupted; ``started`` is called once the first
    build is done and the server answers."""
    with Preview(root, runtime, host, port, staff) as preview:
        report(set(), preview.builder.rebuild())
        if started is not None:
            started(preview)
        preview.watch(report)
