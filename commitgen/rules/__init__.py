"""Clarity and fairness rules behind ``commitgen check``.

``registry`` (the rules and their docs), ``engine`` (run them, apply the configuration
and suppressions), ``config`` (the ``rules:`` section of ``commitgen.yaml``),
``checks/`` (one module per rule family), ``text``/``words`` (shared text analysis and
the word lists in ``data/``), ``docs`` (generates docs/rules.md).
"""
