"""Validation beyond types: consistency inside a policy and across the project."""

from commitgen.validation.consistency import check_policy
from commitgen.validation.project import check_project

__all__ = ["check_policy", "check_project"]
