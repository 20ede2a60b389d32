"""The findings of each policy, replayed while nothing they came from has changed.

Checking a policy (loading, validation, the rules, the theme's languages) depends on
its bytes, ``commitgen.yaml`` (rule settings, the calendar), the theme's catalogues and
commitgen's code and libraries. :class:`CheckCache` keeps each policy's findings under a
key made of those digests, in ``.commitgen-cache/checks.json``; ``commitgen check`` and
``commitgen build`` check again only the policies whose key changed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from commitgen import __version__
from commitgen.diagnostics import Diagnostic
from commitgen.incremental.inputs import Digests, digest_of
from commitgen.rules.engine import Suppressed
from commitgen.validation.project import PolicyIdentity

CACHE_FORMAT = 1
#: stands for the policy's own file name in stored findings (it is shown relative to
#: wherever the command runs)
_SELF = ""


@dataclass
class PolicyFindings:
    """What checking one policy file found."""

    path: Path
    file: str  # as shown
    digest: str  # of its bytes
    identity: PolicyIdentity | None = None  # None when it does not load
    languages: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)

    @property
    def buildable(self) -> bool:
        """Loaded, and without errors of its own."""
        return self.identity is not None and not any(d.is_error for d in self.diagnostics)

    def to_json(self) -> dict[str, Any]:
        def own(diagnostic: Diagnostic) -> dict[str, object]:
            data = diagnostic.to_dict()
            if data["file"] == self.file:
                data["file"] = _SELF
            return data

        return {"identity": None if self.identity is None else list(self.identity[1:]),
                "languages": self.languages,
                "diagnostics": [own(d) for d in self.diagnostics],
                "suppressed": [{**own(s.diagnostic), "kind": s.kind,
                                "justification": s.justification} for s in self.suppressed]}

    @classmethod
    def from_json(cls, path: Path, file: str, digest: str,
                  data: dict[str, Any]) -> PolicyFindings:
        def own(item: dict[str, Any]) -> Diagnostic:
            return Diagnostic.from_dict({**item, "file": item["file"] or file})

        identity = data["identity"]
        return cls(path, file, digest,
                   None if identity is None else PolicyIdentity(file, *identity),
                   list(data["languages"]), [own(d) for d in data["diagnostics"]],
                   [Suppressed(own(s), cast(Literal["inSource", "external"], s["kind"]),
                               s["justification"]) for s in data["suppressed"]])


class CheckCache:
    """Findings by policy file, valid under ``context`` (the digest of everything besides
    the file that checking it reads); only for the files in the project's ``policies``
    folder (a file checked from elsewhere is checked every time)."""

    def __init__(self, folder: Path, context: str, digests: Digests, policies: Path) -> None:
        self.file = folder / "checks.json"
        self.context = context
        self.digests = digests
        self.policies = Path(os.path.realpath(policies))
        self._entries: dict[str, dict[str, Any]] = {}
        self._dirty = False
        try:
            data = json.loads(self.file.read_bytes())
            if data.get("format") == CACHE_FORMAT and data.get("tool") == __version__:
                self._entries = dict(data["entries"])
        except (OSError, ValueError, KeyError, TypeError):
            self._entries = {}

    def key(self, path: Path) -> str:
        return digest_of(self.context, self.digests.file(path))

    def covers(self, path: Path) -> bool:
        return Path(os.path.realpath(path)).parent == self.policies

    def lookup(self, path: Path, file: str) -> PolicyFindings | None:
        if not self.covers(path):
            return None
        entry = self._entries.get(str(path))
        if entry is None or entry.get("key") != self.key(path):
            return None
        try:
            return PolicyFindings.from_json(path, file, self.digests.file(path), entry)
        except (KeyError, TypeError, ValueError):
            return None

    def store(self, findings: PolicyFindings) -> None:
        if not self.covers(findings.path):
            return
        self._entries[str(findings.path)] = {"key": self.key(findings.path),
                                             **findings.to_json()}
        self._dirty = True

    def save(self) -> None:
        """Write the findings (those of files that no longer exist are dropped)."""
        kept = {name: entry for name, entry in self._entries.items() if os.path.isfile(name)}
        if not self._dirty and len(kept) == len(self._entries):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            partial = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
            partial.write_text(json.dumps({"format": CACHE_FORMAT, "tool": __version__,
                                           "entries": kept}, ensure_ascii=False,
                                          separators=(",", ":")), encoding="utf-8")
            partial.replace(self.file)
        except OSError:
            return  # a read-only checkout: checked again next time
        self._dirty = False
