"""Hidden characters in a project's own templates, stylesheets and translation catalogues.

Overrides and catalogues come with pull requests like policies do, and what they hold
reaches every document: a right-to-left override in a translated label reorders what
customers read, a zero-width space hides a difference in review, an ESC acts on the
terminal that shows the file. Each is reported at its line and column, as in policies:
control characters as CG004 (errors), invisible characters as CG005 (errors, but
warnings for the few that some scripts and emoji need). Tabs, line breaks and a
byte-order mark at the start are ordinary. A file over 1 MiB is not checked but refused
(CG310), so neither is it used.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from commitgen.diagnostics import (
    CODE_CONTROL,
    CODE_INVISIBLE,
    Diagnostic,
    Severity,
    display_path,
)
from commitgen.printable import SOMETIMES_NEEDED, char_name, escape_char, is_hidden
from commitgen.validation.stylesheets import STYLESHEET_SUFFIXES
from commitgen.validation.templates import (
    CODE_SYNTAX,
    MAX_TEMPLATE_BYTES,
    TEMPLATE_SUFFIXES,
    TemplateFinding,
)

CATALOGUE_SUFFIXES = (".po", ".pot")
#: a file too large to check is a file that cannot be read (CG310)
CODE_TOO_LARGE = CODE_SYNTAX
#: what each kind of file is called in a message
_KINDS = {**dict.fromkeys(TEMPLATE_SUFFIXES, "template"),
          **dict.fromkeys(STYLESHEET_SUFFIXES, "stylesheet"),
          **dict.fromkeys(CATALOGUE_SUFFIXES, "translation catalogue")}
#: at most this many characters are listed per file, then how many more there are
MAX_LISTED = 10
#: every character that may be hidden: controls but tab and line breaks, and non-ASCII
_CANDIDATE = re.compile("[^\t\n\r\x20-\x7e]")


def hidden_character_problems(folder: Path | None,
                              shown_from: Path | None = None) -> list[Diagnostic]:
    """Every control or invisible character in the templates, stylesheets and catalogues
    under ``folder`` (the project's own templates), located."""
    if folder is None or not folder.is_dir():
        return []
    root = Path(os.path.realpath(folder))
    out: list[Diagnostic] = []
    for path in sorted(folder.rglob("*")):
        kind = _KINDS.get(path.suffix.lower())
        if kind is None or not path.is_file():
            continue
        if not Path(os.path.realpath(path)).is_relative_to(root):
            continue  # not read (the template lint reports it)
        file = display_path(path, shown_from)
        if path.stat().st_size > MAX_TEMPLATE_BYTES:  # nor used: the error stops the build
            out.append(Diagnostic(file, 0, 0, CODE_TOO_LARGE, f"the {kind} is larger than "
                                  f"{MAX_TEMPLATE_BYTES // 2**20} MiB: too large to check",
                                  hint=f"a {kind} written by hand is far smaller; split it"))
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        out.extend(Diagnostic(file, f.line, f.column, f.code, f.message, hint=f.hint,
                              severity=f.severity) for f in hidden_characters(text, kind))
    return sorted(out)


def hidden_characters(text: str, kind: str = "template") -> list[TemplateFinding]:
    """The control and invisible characters of one file's ``text``, each at its line and
    column (the first :data:`MAX_LISTED`, the last saying how many more there are)."""
    found = [m for m in _CANDIDATE.finditer(text)
             if is_hidden(m.group()) and not (m.start() == 0 and m.group() == "\ufeff")]
    out = []
    for index, match in enumerate(found[:MAX_LISTED], start=1):
        char = match.group()
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        more = (f" (and {len(found) - index} more in this file)"
                if index == MAX_LISTED and len(found) > index else "")
        what = f"({escape_char(char)}, {char_name(char)}) in a {kind}{more}"
        if unicodedata.category(char) == "Cc":
            out.append(TemplateFinding(
                line, column, CODE_CONTROL, f"a control character {what}",
                "delete it: it is invisible in most editors (one that shows control "
                "characters finds it), and would act on terminals, CI logs and documents"))
        elif char in SOMETIMES_NEEDED:
            out.append(TemplateFinding(
                line, column, CODE_INVISIBLE, f"an invisible character {what}",
                "keep it only if the script or an emoji needs it; otherwise delete it "
                "(an editor that shows invisible characters finds it)", Severity.WARNING))
        else:
            out.append(TemplateFinding(
                line, column, CODE_INVISIBLE, f"an invisible character {what}: it hides "
                "or reorders what readers see", "delete it (an editor that shows invisible "
                "characters finds it); a text is shown as written, so nothing hidden is "
                "needed"))
    return out
