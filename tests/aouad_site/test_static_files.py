from __future__ import annotations

import json
from pathlib import Path

from tests.aouad_site.helpers import PRODUCTION_ENV, manage


def test_production_collectstatic_writes_hashed_and_compressed_files(tmp_path: Path) -> None:
    static_root = tmp_path / "static"
    env = {**PRODUCTION_ENV, "DJANGO_STATIC_ROOT": str(static_root)}

    result = manage("collectstatic", "--noinput", env=env, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed_css = manifest["css/site.css"]
    assert hashed_css != "css/site.css"
    assert hashed_css.startswith("css/site.")
    assert (static_root / hashed_css).exists()
    assert (static_root / f"{hashed_css}.gz").exists()
    assert "django_htmx/htmx-2.min.js" in manifest
