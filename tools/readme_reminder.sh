#!/usr/bin/env bash
# Rebuild the README's sample reminder letter from the sample reports the tests use, as of 15/01/2026:
# docs/reminder-q4-2025.md (the Markdown letter) and docs/reminder-page1.png (the Word letter's first page).
# Needs dancu installed in .venv (or DANCU=path/to/dancu), LibreOffice (soffice) and poppler-utils (pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
dancu=${DANCU:-$repo/.venv/bin/dancu}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r plans "$work/plans"
cp -r tests/data/summary-q4/reports "$work/reports"
cd "$work"
export DANCU_TODAY=2026-01-15 DANCU_CACHE=0
"$dancu" remind --as-of 15/01/2026 > "$repo/docs/reminder-q4-2025.md" 2>/dev/null
"$dancu" remind --as-of 15/01/2026 -o reminder.docx 2>/dev/null >/dev/null
soffice "-env:UserInstallation=file://$work/lo" --headless --convert-to pdf reminder.docx >/dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile reminder.pdf "$repo/docs/reminder-page1"
echo "docs/reminder-q4-2025.md, docs/reminder-page1.png"
