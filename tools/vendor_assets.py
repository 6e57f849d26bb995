#!/usr/bin/env python3
"""Re-fetch the browser assets that exported slides and handouts load from local files.

A developer's tool, never run by the course: the files it writes are committed under
``toolkit/export/assets/`` and ship inside the package, so a learner's machine needs no npm
and no network. Run it from the repository root when a version below changes::

    python tools/vendor_assets.py          # needs npm (it runs `npm pack`)

Each package is fetched from the npm registry with ``npm pack NAME@VERSION`` (the exact
versions are pinned below), unpacked in a temporary folder, and only the files the export
templates use are copied, each package with its licence. Three edits are made, all to keep the
total small, and all recorded in ``assets/README.md``:

- ``embed-amd.js`` of @jupyter-widgets/html-manager loses its two legacy modules
  (``@jupyter-widgets/base7`` and ``controls7``, the ipywidgets 7 renderers: the course runs
  ipywidgets 8, whose widgets the remaining modules render);
- the white theme's Source Sans Pro keeps two faces (regular, semibold) of its four, and its
  font CSS only their rules (the browser slants the regular face for italics);
- ``//# sourceMappingURL=`` comments are removed from the JavaScript (the maps are not
  shipped, so a browser's developer tools would ask for missing files).

Finally ``SHA256SUMS`` lists every vendored file, so a test can tell a hand edit.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "toolkit" / "export" / "assets"

#: npm package -> (exact version, folder under assets/).
PACKAGES: dict[str, tuple[str, str]] = {
    "reveal.js": ("4.6.1", "reveal.js"),
    "requirejs": ("2.3.8", "requirejs"),
    "jquery": ("3.8.0", "jquery"),
    "@jupyter-widgets/html-manager": ("1.0.15", "html-manager"),
    "mathjax": ("3.2.2", "mathjax"),
}

#: Source Sans Pro faces kept for the reveal.js white theme; the browser slants the regular
#: face for italics. The theme's font CSS is cut to the faces kept.
SOURCE_SANS_FACES = ("regular", "semibold")

#: (package, path inside the package, path under the package's folder in assets/).
#: No folder is named ``dist`` or ``build`` here: the repository's .gitignore skips those.
FILES: list[tuple[str, str, str]] = [
    ("reveal.js", "LICENSE", "LICENSE"),
    ("reveal.js", "dist/reveal.js", "reveal.js"),
    ("reveal.js", "dist/reveal.css", "reveal.css"),
    ("reveal.js", "dist/theme/white.css", "theme/white.css"),
    ("reveal.js", "dist/theme/serif.css", "theme/serif.css"),
    (
        "reveal.js",
        "dist/theme/fonts/source-sans-pro/LICENSE",
        "theme/fonts/source-sans-pro/LICENSE",
    ),
    (
        "reveal.js",
        "dist/theme/fonts/source-sans-pro/source-sans-pro.css",
        "theme/fonts/source-sans-pro/source-sans-pro.css",
    ),
    *[
        (
            "reveal.js",
            f"dist/theme/fonts/source-sans-pro/source-sans-pro-{face}.woff",
            f"theme/fonts/source-sans-pro/source-sans-pro-{face}.woff",
        )
        for face in SOURCE_SANS_FACES
    ],
    ("requirejs", "require.js", "require.js"),
    ("jquery", "LICENSE.txt", "LICENSE.txt"),
    ("jquery", "dist/jquery.min.js", "jquery.min.js"),
    ("@jupyter-widgets/html-manager", "dist/embed-amd.js", "embed-amd.js"),
    ("@jupyter-widgets/html-manager", "dist/embed.js.LICENSE.txt", "THIRD-PARTY-NOTICES.txt"),
    ("mathjax", "LICENSE", "LICENSE"),
    ("mathjax", "es5/tex-chtml.js", "tex-chtml.js"),
]
#: MathJax's CommonHTML fonts: every woff file of this folder, kept at the same relative path
#: so tex-chtml.js finds them without configuration.
MATHJAX_FONTS = "es5/output/chtml/fonts/woff-v2"

#: Packages that ship no LICENSE file: (the file whose header names the copyright holder,
#: the licence's standard text). LICENSE is written from the two, with the declared licence.
NO_LICENSE_FILE: dict[str, tuple[str, str]] = {
    "requirejs": ("require.js", "MIT"),
    "@jupyter-widgets/html-manager": ("src/index.ts", "BSD-3-Clause"),
}
MIT_TEXT = """Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to
whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""
BSD3_TEXT = """Redistribution and use in source and binary forms, with or without modification, are
permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this list of
   conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice, this list of
   conditions and the following disclaimer in the documentation and/or other materials
   provided with the distribution.
3. Neither the name of the copyright holder nor the names of its contributors may be used to
   endorse or promote products derived from this software without specific prior written
   permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS
OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE
COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE
GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED
AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING
NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED
OF THE POSSIBILITY OF SUCH DAMAGE.
"""
LICENSE_TEXTS = {"MIT": MIT_TEXT, "BSD-3-Clause": BSD3_TEXT}
LEGACY_WIDGET_MODULES = ("@jupyter-widgets/base7", "@jupyter-widgets/controls7")
SOURCE_MAP = re.compile(r"^//# sourceMappingURL=\S*\s*$")


def npm_pack(name: str, version: str, into: Path) -> Path:
    """Fetch ``name@version`` with ``npm pack`` and unpack it; return the package folder."""
    result = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--pack-destination", str(into), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = into / json.loads(result.stdout)[0]["filename"]
    target = into / tarball.stem
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def drop_legacy_widget_modules(text: str) -> str:
    """Remove the ipywidgets 7 modules (and their licence comment) from embed-amd.js."""
    lines = text.split("\n")
    kept: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith("define("):
            skipping = any(line.startswith(f'define("{name}"') for name in LEGACY_WIDGET_MODULES)
            if skipping and kept and kept[-1].startswith("/*! For license"):
                kept.pop()
        elif skipping and (line.startswith("/*!") or line.startswith("(()=>")):
            skipping = False
        if not skipping:
            kept.append(line)
    result = "\n".join(kept)
    for name in LEGACY_WIDGET_MODULES:
        if f'define("{name}"' in result:
            raise SystemExit(f"could not remove {name} from embed-amd.js")
    return result


def strip_source_maps(text: str) -> str:
    """Remove the lines that are only a ``//# sourceMappingURL=`` comment."""
    return "\n".join(line for line in text.split("\n") if not SOURCE_MAP.match(line))


def license_note(name: str, version: str, package: Path) -> str:
    """LICENSE for a package that ships none: its declared licence and copyright notice."""
    declared = json.loads((package / "package.json").read_text())["license"]
    header_file, licence = NO_LICENSE_FILE[name]
    if declared != licence:
        raise SystemExit(f"{name} now declares {declared!r}, not {licence!r}: check its licence")
    lines = (package / header_file).read_text(encoding="utf-8").splitlines()[:4]
    notice = [line.strip(" /*") for line in lines if "Copyright" in line or "license" in line]
    return (
        f"{name} {version}: the package ships no LICENSE file; its package.json declares "
        f"{declared}, and the header of {header_file} says:\n\n"
        + "\n".join(f"    {line}" for line in notice)
        + f"\n\nThe {declared} licence:\n\n"
        + LICENSE_TEXTS[declared]
    )


def keep_font_faces(css: str, faces: tuple[str, ...]) -> str:
    """Keep only the ``@font-face`` rules of the Source Sans Pro faces vendored."""
    rules = re.findall(r"@font-face\s*\{[^}]*\}", css)
    kept = [rule for rule in rules if any(f"source-sans-pro-{face}." in rule for face in faces)]
    if len(kept) != len(faces):
        raise SystemExit(f"expected {len(faces)} Source Sans Pro faces, found {len(kept)}")
    return "\n\n".join(kept) + "\n"


def main() -> int:
    if shutil.which("npm") is None:
        print("npm is needed to re-fetch the assets (apt-get install npm)", file=sys.stderr)
        return 1
    keep = {ASSETS / "README.md"}
    for path in sorted(ASSETS.rglob("*"), reverse=True):
        if path in keep:
            continue
        if path.is_file():
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    with tempfile.TemporaryDirectory() as scratch:
        unpacked = {
            name: npm_pack(name, version, Path(scratch)) for name, (version, _) in PACKAGES.items()
        }
        for name, inside, relative in FILES:
            target = ASSETS / PACKAGES[name][1] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            source = unpacked[name] / inside
            if source.suffix in {".js", ".css"}:
                text = source.read_text(encoding="utf-8")
                if inside.endswith("embed-amd.js"):
                    text = drop_legacy_widget_modules(text)
                if inside.endswith("source-sans-pro.css"):
                    text = keep_font_faces(text, SOURCE_SANS_FACES)
                target.write_text(strip_source_maps(text), encoding="utf-8")
            else:
                shutil.copyfile(source, target)
        fonts = ASSETS / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2"
        fonts.mkdir(parents=True, exist_ok=True)
        for font in sorted((unpacked["mathjax"] / MATHJAX_FONTS).glob("*.woff")):
            shutil.copyfile(font, fonts / font.name)
        for name in NO_LICENSE_FILE:
            version, folder = PACKAGES[name]
            note = license_note(name, version, unpacked[name])
            (ASSETS / folder / "LICENSE").write_text(note, encoding="utf-8")
    sums = []
    total = 0
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file() and path.name not in {"README.md", "SHA256SUMS"}:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            sums.append(f"{digest}  {path.relative_to(ASSETS).as_posix()}")
            total += path.stat().st_size
    (ASSETS / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    print(f"vendored {len(sums)} files, {total / 1e6:.2f} MB, into {ASSETS.relative_to(ROOT)}")
    for name, (version, folder) in PACKAGES.items():
        print(f"  {name}@{version} -> assets/{folder}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
