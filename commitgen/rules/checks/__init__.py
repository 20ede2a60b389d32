"""The rule families; importing this package registers every rule."""

from commitgen.rules.checks import (  # noqa: F401
    basis,
    channels,
    consistency,
    fields,
    format,
    hidden,
    languages,
    meta,
    plain,
    promises,
    prose,
    staff,
    tables,
    templates,
    versions,
)
