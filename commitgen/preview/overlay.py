"""What the preview adds to a served page: the problems of the last save, located, and
the script that reloads the page after a rebuild. Every text is escaped (HTML, and
invisible characters as in every other output)."""

from __future__ import annotations

from html import escape

from commitgen.diagnostics import Diagnostic
from commitgen.preview.builder import PreviewState
from commitgen.printable import printable

_STYLE = """<style>
#commitgen-problems{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;
max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;box-sizing:border-box;
font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;
background:#fff;border-top:6px solid #b3261e;box-shadow:0 -4px 24px rgba(0,0,0,.25)}
#commitgen-problems.warnings{border-top-color:#a15c00;max-height:40vh}
#commitgen-problems h2{font-size:1.05rem;margin:0 0 .5rem;color:#b3261e}
#commitgen-problems.warnings h2{color:#7a4500}
#commitgen-problems p.keep{margin:0 0 .75rem;color:#444}
#commitgen-problems ol{margin:0;padding-left:1.25rem}
#commitgen-problems li{margin:0 0 .7rem;overflow-wrap:anywhere}
#commitgen-problems code{font:13px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;
background:#f3f3f3;padding:.05rem .3rem;border-radius:3px}
#commitgen-problems .hint{color:#444;margin-top:.2rem}
#commitgen-problems pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
#commitgen-problems summary{cursor:pointer;font-weight:600;color:#7a4500}
</style>"""


def _text(value: str) -> str:
    return escape(printable(value))


def _item(d: Diagnostic) -> str:
    where = f"{d.file}:{d.line}:{d.column}" if d.line else d.file
    field = f" <strong>{_text(d.field_path)}</strong>:" if d.field_path else ""
    hint = f'<div class="hint">hint: {_text(d.hint)}</div>' if d.hint else ""
    return (f"<li><code>{_text(where)}</code>{field} {_text(d.message)} "
            f"<code>{_text(d.code)}</code>{hint}</li>")


def overlay(state: PreviewState) -> str:
    """The problems panel for ``state``: errors of a failed save in full (the page
    underneath is the last good build), warnings of a good one folded away; nothing
    when there are none."""
    errors = [d for d in state.problems if d.is_error]
    if state.failed:
        count = len(errors) + bool(state.failure)
        keep = ("The page below is the last build without errors; it comes back by "
                "itself when you save a fix." if state.has_site else
                "Nothing has built yet; the charters appear when you save a fix.")
        body = "".join(_item(d) for d in errors)
        if state.failure:
            body += f"<li><pre>{_text(state.failure)}</pre></li>"
        return (f'{_STYLE}<section id="commitgen-problems" role="alert" '
                f'aria-label="commitgen problems"><h2>commitgen: {count} '
                f'error{"s" if count != 1 else ""} in your last save</h2>'
                f'<p class="keep">{keep}</p><ol>{body}</ol></section>')
    if not state.problems:
        return ""
    count = len(state.problems)
    return (f'{_STYLE}<section id="commitgen-problems" class="warnings" '
            f'aria-label="commitgen warnings"><details><summary>commitgen: {count} '
            f'warning{"s" if count != 1 else ""}</summary><ol>'
            + "".join(_item(d) for d in state.problems) + "</ol></details></section>")


def live_script(generation: int) -> str:
    """The script that reloads the page when the preview's generation changes."""
    return f'<script src="/__commitgen/live.js" data-generation="{generation}"></script>'
