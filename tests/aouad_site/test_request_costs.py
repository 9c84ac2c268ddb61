"""bench/request_costs.py keeps working: every step answers 200 and gets a figure."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_request_costs_measures_every_step() -> None:
    finished = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "request_costs.py"),
            "--requests=40",
            "--theories=60",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=170,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    rows = re.findall(r"^(.+?)\s+(\d+\.\d{3})\s+(\d+\.\d\d)$", finished.stdout, re.MULTILINE)
    assert [name.strip() for name, _, _ in rows] == [
        "minimal view, anonymous",
        "minimal view, fan reads",
        "minimal view, fan POSTs",
        "vote POST",
        "list: hot, signed in",
    ]
    assert all(float(ms) > 0 for _, ms, _ in rows)
