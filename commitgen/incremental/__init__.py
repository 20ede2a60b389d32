"""Incremental builds and checks: redo only what an input change can affect.

Every document (a charter, a briefing, an index page) is recorded with the digests of
the inputs it read: its policy, ``commitgen.yaml``, each template it loaded, the
catalogue of its language, the fonts it printed, and the versions of commitgen and the
libraries that render it; its PDF also with every file WeasyPrint loaded for it. The
next build recomputes those digests and renders again only the documents whose inputs
changed; the others are copied from the previous output. When nothing at all changed,
the build does nothing (:mod:`commitgen.incremental.record`). ``commitgen check``
replays the findings of unchanged policies the same way
(:mod:`commitgen.incremental.checks`).

    inputs   digests of files, folders and library versions (imports nothing heavy)
    record   what the last build read and wrote; the no-op test
    checks   the findings of each policy, replayed while it is unchanged
"""
