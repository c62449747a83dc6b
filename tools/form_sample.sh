#!/usr/bin/env bash
# Rebuild the README's picture of the Excel fill-in form, as LibreOffice renders it:
#   docs/form-xlsx-page1.png   page 1 of `dancu form --unit VP --period 2025-Q4` (xlsx → PDF → PNG, 110 dpi)
# The workspace is plans/ with the sample reports the tests use, so the figure names they used are offered.
# Needs dancu (DANCU=path/to/dancu, else .venv/bin/dancu, else dancu on PATH), LibreOffice Calc and poppler-utils.
set -euo pipefail
. "$(dirname "$0")/sample_workspace.sh"
export DANCU_CACHE=0 DANCU_TODAY=2026-01-15
"$dancu" form --unit VP --period 2025-Q4 -o bieu-mau-VP.xlsx
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf bieu-mau-VP.xlsx >/dev/null
pdftoppm -png -r 110 -f 1 -l 1 -singlefile bieu-mau-VP.pdf "$repo/docs/form-xlsx-page1"
ls -l "$repo/docs/form-xlsx-page1.png"
