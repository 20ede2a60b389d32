"""Typed changes between two versions of a charter, each better, worse or neutral for the
customer: ``diff_charters(old, new)``. Formatted by :mod:`commitgen.versions.diff.report`."""

from commitgen.versions.diff.change import Change, Verdict
from commitgen.versions.diff.compare import diff_charters

__all__ = ["Change", "Verdict", "diff_charters"]
