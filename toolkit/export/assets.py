"""The browser files exported slides and handouts load, shipped inside the package.

Exported HTML never loads anything from the network. Its scripts and styles (reveal.js,
require.js, jQuery, the Jupyter widget renderer, MathJax) are vendored under
``toolkit/export/assets/`` (versions and origins in its ``README.md``; refreshed by the
developer tool ``tools/vendor_assets.py``) and copied into an ``assets/`` folder beside the
exported files, which refer to them by relative path. One copy serves every export in the
folder, so each HTML file stays small; to share an export, share the folder (or a zip of it).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

#: The vendored files, as shipped in the package.
ASSETS_DIR: Path = Path(__file__).resolve().parent / "assets"
#: The folder, beside the exported HTML, that the copies go to.
ASSETS_FOLDER = "assets"
#: Checksums of the vendored files, written by tools/vendor_assets.py.
CHECKSUMS = "SHA256SUMS"


@dataclass(frozen=True)
class AssetUrls:
    """Where an exported page finds each library, relative to the page.

    Attributes
    ----------
    require_js, jquery, widget_renderer, mathjax : str
        The script files.
    reveal : str
        The reveal.js folder (``reveal.js``, ``reveal.css`` and ``theme/``).
    """

    require_js: str
    jquery: str
    widget_renderer: str
    mathjax: str
    reveal: str


def asset_urls(prefix: str = ASSETS_FOLDER) -> AssetUrls:
    """Return the relative URLs of the vendored libraries under ``prefix``.

    Examples
    --------
    >>> asset_urls().mathjax
    'assets/mathjax/tex-chtml.js'
    """
    return AssetUrls(
        require_js=f"{prefix}/requirejs/require.js",
        jquery=f"{prefix}/jquery/jquery.min.js",
        widget_renderer=f"{prefix}/html-manager/embed-amd.js",
        mathjax=f"{prefix}/mathjax/tex-chtml.js",
        reveal=f"{prefix}/reveal.js",
    )


def vendored_files() -> dict[str, str]:
    """Return every vendored file (path relative to the assets folder) with its SHA-256.

    Raises
    ------
    FileNotFoundError
        If the package has no assets (a broken installation).
    """
    listing = ASSETS_DIR / CHECKSUMS
    if not listing.is_file():
        raise FileNotFoundError(
            f"the export assets are missing ({listing}); reinstall service-improvement-lab"
        )
    files: dict[str, str] = {}
    for line in listing.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            files[name] = digest
    return files


def copy_assets(out_dir: str | Path) -> Path:
    """Copy the vendored files into ``out_dir/assets`` and return that folder.

    Files already there with the right content are left alone, so exporting many lessons
    into one folder copies the assets once.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        The folder the exported pages are written to (created if needed).

    Returns
    -------
    pathlib.Path
        ``out_dir/assets``.
    """
    target = Path(out_dir) / ASSETS_FOLDER
    for name, digest in vendored_files().items():
        source = ASSETS_DIR / name
        destination = target / name
        if (
            destination.is_file()
            and destination.stat().st_size == source.stat().st_size
            and hashlib.sha256(destination.read_bytes()).hexdigest() == digest
        ):
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
    return target
