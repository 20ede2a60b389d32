"""Visual regression: a few pages of the bundled documents, compared with reference
images by a perceptual hash (a difference hash of the page's layout), with a tolerance.

An accidental layout change — a section pushed to the next page, a table that lost its
columns, a summary that no longer fits page 1 — moves many bits of the hash; font
hinting or a changed word does not. After a deliberate change, look at the new pages
and update the references::

    COMMITGEN_UPDATE_VISUAL=1 python -m pytest tests/test_visual.py

which rewrites ``tests/data/visual/`` (the hashes and a small PNG of each page, for
people to compare in review).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import DATA

REFERENCES = DATA / "visual"
HASHES = REFERENCES / "hashes.json"
#: (document, page): the summary pages, a detail page, a briefing's first page
PAGES = [
    ("public/fibre-internet/en/fibre-internet-en.pdf", 1),
    ("public/fibre-internet/vi/fibre-internet-vi.pdf", 1),
    ("public/online-retailer/vi/online-retailer-vi.pdf", 3),
    ("public/saas-support/en/saas-support-en.pdf", 1),
    ("staff/fibre-internet/en/fibre-internet-briefing-en.pdf", 1),
]
SIZE = 16  # a 16 × 16 difference hash: 256 bits
TOLERANCE = 26  # bits that may differ (about 10 %)


def difference_hash(image: Image.Image) -> int:
    """Each bit: is this cell lighter than its right-hand neighbour (on a grey thumbnail)."""
    small = image.convert("L").resize((SIZE + 1, SIZE), Image.Resampling.LANCZOS)
    pixels = small.tobytes()  # one byte a pixel (grey)
    bits = 0
    for row in range(SIZE):
        for column in range(SIZE):
            left = pixels[row * (SIZE + 1) + column]
            right = pixels[row * (SIZE + 1) + column + 1]
            bits = (bits << 1) | (left > right)
    return bits


def _render(pdf: Path, page: int, target: Path) -> Image.Image:
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf), str(stem)], check=True, timeout=120)
    return Image.open(target)


def _name(document: str, page: int) -> str:
    return f"{Path(document).stem}-p{page}"


@pytest.mark.pdf
def test_pages_look_as_they_did(built_examples: Path, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    update = bool(os.environ.get("COMMITGEN_UPDATE_VISUAL"))
    references = json.loads(HASHES.read_text()) if HASHES.is_file() else {}
    changed = {}
    for document, page in PAGES:
        name = _name(document, page)
        image = _render(built_examples / document, page, tmp_path / f"{name}.png")
        value = difference_hash(image)
        if update:
            references[name] = f"{value:064x}"
            image.save(REFERENCES / f"{name}.png", optimize=True)
            continue
        assert name in references, f"no reference for {name}: see this module's docstring"
        distance = bin(value ^ int(references[name], 16)).count("1")
        if distance > TOLERANCE:
            changed[name] = distance
    if update:
        HASHES.write_text(json.dumps(references, indent=2, sort_keys=True) + "\n")
    assert changed == {}, f"pages that look different (bits of {SIZE * SIZE}): {changed}"


def test_the_hash_sees_a_layout_change_and_ignores_noise() -> None:
    page = Image.new("L", (200, 280), 255)
    moved = page.copy()
    for y in range(40, 120):  # a block of text on the upper half
        for x in range(20, 180):
            page.putpixel((x, y), 40)
    for y in range(160, 240):  # the same block pushed down
        for x in range(20, 180):
            moved.putpixel((x, y), 40)
    noisy = page.copy()
    noisy.putpixel((100, 60), 255)
    base = difference_hash(page)
    assert bin(base ^ difference_hash(noisy)).count("1") <= 2
    assert bin(base ^ difference_hash(moved)).count("1") > TOLERANCE
