"""Compiled templates kept from one build to the next, where only this user can write.

Compiling the theme's templates costs about a second; Jinja2 can keep the compiled code
and reuse it for as long as a template's source is unchanged (it compares a checksum of
the source). That code is executed when it is loaded, so it is never kept in the
project, a folder a commit can fill: it lives in a folder of the system's temporary
folder that must belong to the user and be closed to everyone else (the checks Jinja2
makes for its own default folder), under a name that changes with Jinja2's version and
with the modules that set the environment's options (the compiled form depends on them).
Where no such folder can be made, templates are compiled on every build.
"""

from __future__ import annotations

import getpass
import os
import stat
import tempfile
import time
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache

from commitgen.incremental.inputs import Digests, digest_of, installed_versions

#: a folder of compiled templates unused for this long is removed
STALE_SECONDS = 30 * 24 * 3600


def _owner() -> str:
    return str(os.getuid()) if hasattr(os, "getuid") else getpass.getuser()


def private_folder(name: str) -> Path | None:
    """A folder ``name`` under ``commitgen-<user>`` in the temporary folder, made if needed;
    None unless it belongs to this user and nobody else may enter it."""
    base = Path(tempfile.gettempdir()) / f"commitgen-{_owner()}"
    folder = base / name
    try:
        for path in (base, folder):
            path.mkdir(mode=0o700, exist_ok=True)
            info = os.lstat(path)
            if not stat.S_ISDIR(info.st_mode):
                return None
            if hasattr(os, "getuid") and (info.st_uid != os.getuid()
                                          or stat.S_IMODE(info.st_mode) & 0o077):
                return None
    except OSError:
        return None
    return folder


def bytecode_cache() -> BytecodeCache | None:
    """The cache of compiled templates for this Jinja2 and these environment options."""
    import commitgen.render.budget as budget
    import commitgen.render.environment as environment

    digests = Digests()
    options = digest_of(*(digests.file(Path(module.__file__ or ""))
                          for module in (environment, budget)))
    name = "jinja-" + digest_of(installed_versions(("jinja2", "markupsafe")), options)[:16]
    folder = private_folder(name)
    if folder is None:
        return None
    _forget_stale(folder.parent, keep=folder)
    os.utime(folder)
    return FileSystemBytecodeCache(str(folder))


def _forget_stale(base: Path, keep: Path) -> None:
    """Remove folders of compiled templates no build has used for a month."""
    limit = time.time() - STALE_SECONDS
    for folder in base.glob("jinja-*"):
        try:
            if folder != keep and folder.stat().st_mtime < limit:
                for entry in folder.iterdir():
                    entry.unlink()
                folder.rmdir()
        except OSError:
            continue
