"""A charter's fingerprint changes only when what it publishes changes.

Fields added to the format later count only when a charter uses them, so a charter
released before them keeps the fingerprint printed on its documents (and that
``commitgen verify`` compares).
"""

from __future__ import annotations

from pathlib import Path

from commitgen.loading.sources import load_policy
from commitgen.model.policy import Charter
from commitgen.versions.fingerprint import fingerprint
from tests.conftest import MINIMAL

#: the minimal charter's fingerprint since it was first released (it is printed on the
#: golden pages too)
MINIMAL_RELEASED = "bdf06a1aa941afb5fe9dd17eb81e660add1beffdb3f0d593f824679e09436c88"


def _charter(path: Path) -> Charter:
    loaded, problems = load_policy(path, path.name)
    assert loaded is not None, problems
    return loaded.policy.charter()


def test_a_released_charter_keeps_its_fingerprint_as_the_format_grows() -> None:
    assert fingerprint(_charter(MINIMAL)) == MINIMAL_RELEASED


def test_a_later_field_counts_once_it_is_used(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    assert text.count("      type: fixed\n") == 1
    used = tmp_path / "minimal.yaml"
    used.write_text(text.replace("      type: fixed\n", "      type: fixed\n      trigger:\n"
                                 "        - {fact: minutes_down, name: Minutes down, unit: minutes,"
                                 " at_least: 30}\n"),
                    encoding="utf-8")
    assert fingerprint(_charter(used)) != MINIMAL_RELEASED
