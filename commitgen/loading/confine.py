"""Files are read from inside the project only: a symlink leading out is not followed.

A pull request can add a symlink as easily as a file. Followed, a policy file that links
to ``/etc/passwd`` or to a secret next to the checkout would be parsed, and its text
quoted by the diagnostics into a public CI log. Folders, templates and assets are
confined elsewhere (their real paths); this confines single files.
"""

from __future__ import annotations

import os
from pathlib import Path


def real(path: Path) -> Path:
    """The path with every symlink resolved (whether or not it exists)."""
    return Path(os.path.realpath(path))


def leads_outside(path: Path, folder: Path) -> bool:
    """Whether ``path``, written inside ``folder``, really lies outside it (through a
    symlink, of the file or of a folder on its way). A path written outside ``folder``
    (named by the user, on the command line) is not ``folder``'s to confine: False."""
    written = Path(os.path.abspath(path))
    boundary = real(folder)
    if not (written.is_relative_to(Path(os.path.abspath(folder)))
            or written.is_relative_to(boundary)):
        return False
    return not real(path).is_relative_to(boundary)
