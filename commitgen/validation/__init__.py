"""Checks across the policies of a project (the checks of one policy are the registry's,
in :mod:`commitgen.rules`)."""

from commitgen.validation.project import check_project

__all__ = ["check_project"]
