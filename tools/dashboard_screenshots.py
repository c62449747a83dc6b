#!/usr/bin/env python3
"""Regenerate the dashboard screenshots shown in the README (section "Bảng theo dõi").

Builds the dashboard of the shipped plan with the sample Q4/2025 reports (tests/data/summary-q4) as of
15/01/2026, then photographs the overview and the quarter's matrix with headless Chromium:

    python tools/dashboard_screenshots.py [--out docs]

Needs dancu installed in the running Python and Chromium (Debian package `chromium`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-01-15"
SHOTS = {  # page -> (picture, window height)
    "index.html": ("dashboard-overview.png", 1250),
    "ky-2025-Q4.html": ("dashboard-matrix.png", 1250),
}


def browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="folder for the pictures")
    args = parser.parse_args()
    exe = browser()
    if exe is None:
        print("Cần Chromium (gói Debian `chromium`) để chụp ảnh trang.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        shutil.copytree(REPO / "plans", ws / "plans")
        shutil.copytree(REPO / "tests" / "data" / "summary-q4" / "reports", ws / "reports")
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "dancu_cli", "--root", str(ws), "dashboard", "-o", str(site),
                        "--as-of", AS_OF], check=True)
        args.out.mkdir(parents=True, exist_ok=True)
        for page, (picture, height) in SHOTS.items():
            profile = Path(tmp) / f"profile-{page}"
            subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={args.out / picture}",
                            f"--window-size=1280,{height}", (site / page).as_uri()],
                           check=True, capture_output=True, timeout=120)
            print(f"Đã chụp {page} vào {args.out / picture}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
