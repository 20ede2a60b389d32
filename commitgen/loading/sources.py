"""Read policy and configuration files into typed models, with located errors."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from commitgen.diagnostics import (
    CODE_FILE,
    CODE_INVISIBLE,
    CODE_TYPE,
    Diagnostic,
)
from commitgen.loading.confine import leads_outside
from commitgen.loading.located import validation_diagnostics
from commitgen.loading.partial import LeftOut, readable_part
from commitgen.loading.strict_yaml import MAX_BYTES, YamlDocument, decode_utf8, parse_yaml
from commitgen.model.base import describe
from commitgen.model.policy import Policy

M = TypeVar("M", bound=BaseModel)

@dataclass(frozen=True)
class Source:
    """A file as read (once per run): where it is, how it is shown, its text, its parsed
    document and a digest."""

    path: Path
    file: str
    document: YamlDocument
    digest: str
    text: str = ""


@dataclass(frozen=True)
class LoadedPolicy:
    """A policy as read. With format errors, ``policy`` is its readable part and
    ``left_out`` says what the checks cannot see (:mod:`commitgen.loading.partial`)."""

    source: Source
    policy: Policy
    left_out: LeftOut = field(default_factory=LeftOut)

    @property
    def whole(self) -> bool:
        """Read without format errors: the policy can be rendered."""
        return not self.left_out


def read_source(path: Path, file: str, allow_empty: bool = False, within: Path | None = None,
                ) -> tuple[Source | None, list[Diagnostic]]:
    """Read and strictly parse one YAML file (size checked before reading). A file written
    inside the folder ``within`` (the project) that leads outside it through a symlink is
    not read."""
    if within is not None and leads_outside(path, within):
        return None, [Diagnostic(file, 0, 0, CODE_FILE, "the file leads outside the project "
                                 "(through a symlink): not read",
                                 hint="commitgen reads files inside the project only; copy "
                                      "the file into the project instead of linking to it")]
    try:
        if not path.is_file():
            what = ("does not exist" if not path.exists() else
                    "is a folder" if path.is_dir() else "is not a regular file")
            return None, [Diagnostic(file, 0, 0, CODE_FILE, f"cannot read {file}: it {what}",
                                     hint="check the policies setting in commitgen.yaml")]
        if path.stat().st_size > MAX_BYTES:
            return None, [Diagnostic(file, 0, 0, CODE_FILE,
                                     f"the file is larger than {MAX_BYTES // 2**20} MiB",
                                     hint="a policy is far smaller than this; split it")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(file, 0, 0, CODE_FILE, f"cannot read the file: {exc.strerror}")]
    return parse_source(raw, path, file, allow_empty)


def parse_source(raw: bytes, path: Path, file: str, allow_empty: bool = False,
                 ) -> tuple[Source | None, list[Diagnostic]]:
    """Strictly parse the bytes of a YAML file read elsewhere (a release, a git revision)."""
    if len(raw) > MAX_BYTES:
        return None, [Diagnostic(file, 0, 0, CODE_FILE,
                                 f"the file is larger than {MAX_BYTES // 2**20} MiB",
                                 hint="a policy is far smaller than this; split it")]
    text, problem = decode_utf8(raw)
    if problem is not None or text is None:
        assert problem is not None
        return None, [problem.placed(file)]
    document, problems = parse_yaml(text, allow_empty)
    diagnostics = [p.placed(file) for p in problems]
    if any(d.is_error and d.code != CODE_INVISIBLE for d in diagnostics):
        return None, diagnostics  # an invisible character still lets the file be read
    return Source(path, file, document, hashlib.sha256(raw).hexdigest(), text), diagnostics


def build_model(model: type[M], source: Source,
                top_hint: str = "a policy starts with lines such as `id: my-service`",
                ) -> tuple[M | None, list[Diagnostic]]:
    """Validate a parsed document against a model; every error located."""
    data = source.document.data
    if not isinstance(data, dict):
        return None, [Diagnostic(source.file, 1, 1, CODE_TYPE,
                                 f"expected a mapping of fields at the top, got {describe(data)}",
                                 hint=top_hint)]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, validation_diagnostics(exc, model, source.document, source.file)


def load_policy(path: Path, file: str, raw: bytes | None = None, within: Path | None = None,
                ) -> tuple[LoadedPolicy | None, list[Diagnostic]]:
    """Read, parse and validate one policy file; ``raw`` gives its bytes when they come
    from elsewhere (a git revision), ``path`` then only names it. Returns the policy and
    its problems. A policy with format errors comes with its readable part (``left_out``
    set), or None when nothing of it can be checked. ``within`` confines it
    (:func:`read_source`)."""
    source, warnings = (read_source(path, file, within=within) if raw is None
                        else parse_source(raw, path, file))
    if source is None:
        return None, warnings
    data = source.document.data
    if not isinstance(data, dict):
        return None, [*warnings, *build_model(Policy, source)[1]]
    try:
        return LoadedPolicy(source, Policy.model_validate(data)), warnings
    except ValidationError as exc:
        diagnostics = validation_diagnostics(exc, Policy, source.document, source.file)
        part = readable_part(data, exc)
        if part is None:
            return None, [*warnings, *diagnostics]
        return LoadedPolicy(source, *part), [*warnings, *diagnostics]
