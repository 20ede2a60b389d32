"""``commitgen serve``: a live preview while you write.

:mod:`~commitgen.preview.builder` renders the HTML of a project into a private folder with
the library's own build stages (no PDFs: they are rendered when a page asks for one) and
keeps the last good build when a save breaks something; :mod:`~commitgen.preview.server`
serves that folder on the loopback interface, never a file outside it, and tells open
pages to reload; :mod:`~commitgen.preview.watcher` rebuilds when a project file changes.
"""
