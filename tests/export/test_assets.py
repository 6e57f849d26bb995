"""The vendored browser files: intact, licensed, small, and copied beside the exports."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from types import ModuleType

from toolkit.export.assets import ASSETS_DIR, asset_urls, copy_assets, vendored_files

ROOT = Path(__file__).resolve().parents[2]


def vendor_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vendor_assets", ROOT / "tools/vendor_assets.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_vendored_file_matches_its_checksum() -> None:
    files = vendored_files()
    assert len(files) >= 10
    for name, digest in files.items():
        assert hashlib.sha256((ASSETS_DIR / name).read_bytes()).hexdigest() == digest, name
    on_disk = {
        path.relative_to(ASSETS_DIR).as_posix()
        for path in ASSETS_DIR.rglob("*")
        if path.is_file() and path.name not in {"README.md", "SHA256SUMS"}
    }
    assert on_disk == set(files)


def test_each_package_keeps_its_licence_and_its_version_is_recorded() -> None:
    readme = (ASSETS_DIR / "README.md").read_text(encoding="utf-8")
    for package, (version, folder) in vendor_tool().PACKAGES.items():
        licences = list((ASSETS_DIR / folder).glob("LICENSE*"))
        assert licences, f"{folder} has no licence file"
        assert f"`{package}` | {version}" in readme


def test_the_assets_are_small() -> None:
    total = sum((ASSETS_DIR / name).stat().st_size for name in vendored_files())
    assert total < 5_000_000


def test_no_folder_is_named_dist_or_build() -> None:
    # The repository's .gitignore skips such folders, so they would never be committed.
    for path in ASSETS_DIR.rglob("*"):
        assert path.name not in {"dist", "build"} or not path.is_dir(), path


def test_every_url_the_templates_use_is_vendored() -> None:
    urls = asset_urls("")
    for url in (urls.require_js, urls.jquery, urls.widget_renderer, urls.mathjax):
        assert (ASSETS_DIR / url.lstrip("/")).is_file(), url
    for name in ("reveal.js", "reveal.css", "theme/white.css"):
        assert (ASSETS_DIR / urls.reveal.lstrip("/") / name).is_file(), name


def test_legacy_widget_modules_are_dropped_and_the_renderer_kept() -> None:
    bundle = (ASSETS_DIR / "html-manager/embed-amd.js").read_text(encoding="utf-8")
    assert 'define("@jupyter-widgets/controls",' in bundle
    assert 'define("@jupyter-widgets/html-manager",' in bundle
    assert 'define("@jupyter-widgets/controls7"' not in bundle
    assert 'define("@jupyter-widgets/base7"' not in bundle


def test_copy_assets_copies_once(tmp_path: Path) -> None:
    target = copy_assets(tmp_path)
    assert target == tmp_path / "assets"
    copied = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert copied == set(vendored_files())
    stamp = (target / "mathjax/tex-chtml.js").stat().st_mtime_ns
    (target / "jquery/jquery.min.js").write_text("tampered")
    copy_assets(tmp_path)
    assert (target / "mathjax/tex-chtml.js").stat().st_mtime_ns == stamp
    jquery = (target / "jquery/jquery.min.js").read_bytes()
    assert jquery == (ASSETS_DIR / "jquery/jquery.min.js").read_bytes()
