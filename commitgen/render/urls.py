"""One URL scheme: where every document lives in the output tree, and links between them.

Paths are relative to the output folder (``public/…`` or ``staff/…``). A page links
to another with :func:`href` (a relative link, so the tree works from any web server
or straight from disk); :func:`public_url` gives the absolute address of a public
page when the project's ``url`` is set (canonical and language-alternate links).
"""

from __future__ import annotations

import posixpath

PUBLIC = "public"
STAFF = "staff"


def charter_html(policy_id: str, language: str) -> str:
    return f"{PUBLIC}/{policy_id}/{language}/index.html"


def charter_pdf(policy_id: str, language: str) -> str:
    return f"{PUBLIC}/{policy_id}/{language}/{policy_id}-{language}.pdf"


def charter_json(policy_id: str, language: str) -> str:
    return f"{PUBLIC}/{policy_id}/{language}/charter.json"


def partners_html(policy_id: str, language: str) -> str:
    return f"{PUBLIC}/{policy_id}/{language}/partners.html"


def partners_pdf(policy_id: str, language: str) -> str:
    return f"{PUBLIC}/{policy_id}/{language}/{policy_id}-partners-{language}.pdf"


def briefing_html(policy_id: str, language: str) -> str:
    return f"{STAFF}/{policy_id}/{language}/briefing.html"


def briefing_pdf(policy_id: str, language: str) -> str:
    return f"{STAFF}/{policy_id}/{language}/{policy_id}-briefing-{language}.pdf"


def index_html(tree: str, language: str, primary: str) -> str:
    """The list of documents of a tree: ``index.html`` in the primary language,
    ``index.<lang>.html`` in each other language."""
    name = "index.html" if language == primary else f"index.{language}.html"
    return f"{tree}/{name}"


def assets(tree: str, name: str) -> str:
    return f"{tree}/assets/{name}"


def tree_of(path: str) -> str:
    """``public`` or ``staff``."""
    return path.split("/", 1)[0]


def to_tree_root(page: str) -> str:
    """The relative prefix from a page to the root of its tree: ``../../`` or ``""``."""
    return "../" * (page.count("/") - 1)


def href(page: str, target: str) -> str:
    """A relative link from the page at ``page`` to ``target`` (both output paths)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def public_url(site_url: str | None, path: str) -> str | None:
    """The published address of a public page (``…/index.html`` as its folder), or None
    when the project has no ``url`` or the page is not public."""
    if site_url is None or not path.startswith(f"{PUBLIC}/"):
        return None
    inside = path[len(PUBLIC) + 1:]
    if inside == "index.html" or inside.endswith("/index.html"):
        inside = inside[: -len("index.html")]
    return f"{site_url.rstrip('/')}/{inside}"


def version_html(policy_id: str, folder: str, language: str) -> str:
    """The permanent address of one version of a charter (``folder`` is ``v3.0``)."""
    return f"{PUBLIC}/{policy_id}/{folder}/{language}/index.html"


def version_pdf(policy_id: str, folder: str, language: str) -> str:
    return f"{PUBLIC}/{policy_id}/{folder}/{language}/{policy_id}-{language}.pdf"


def version_json(policy_id: str, folder: str, language: str) -> str:
    return f"{PUBLIC}/{policy_id}/{folder}/{language}/charter.json"


def notice_html(policy_id: str, version: str, language: str) -> str:
    """The customers' notice of what changes in ``version``."""
    return f"{PUBLIC}/{policy_id}/notices/{version}/{language}/index.html"


def notice_pdf(policy_id: str, version: str, language: str) -> str:
    folder = f"{PUBLIC}/{policy_id}/notices/{version}/{language}"
    return f"{folder}/{policy_id}-{version}-notice-{language}.pdf"


def staff_notice_html(policy_id: str, version: str, language: str) -> str:
    return f"{STAFF}/{policy_id}/{language}/changes-{version}.html"


def staff_notice_pdf(policy_id: str, version: str, language: str) -> str:
    return f"{STAFF}/{policy_id}/{language}/{policy_id}-changes-{version}-{language}.pdf"
