#!/usr/bin/env bash
# Rebuild the README's sample summary from the sample reports the tests use:
# docs/summary-q4-2025.md (the whole Markdown) and docs/summary-page1.png (the DOCX's first page).
# Needs dancu installed in .venv, LibreOffice (soffice) and poppler-utils (pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r plans "$work/plans"
cp -r tests/data/summary-q4/reports "$work/reports"
cd "$work"
"$repo/.venv/bin/dancu" summary --period 2025-Q4 --as-of 2026-01-15 -o "$repo/docs/summary-q4-2025.md"
"$repo/.venv/bin/dancu" summary --period 2025-Q4 --as-of 2026-01-15 -o summary.docx
soffice "-env:UserInstallation=file://$work/lo" --headless --convert-to pdf summary.docx >/dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile summary.pdf "$repo/docs/summary-page1"
echo "docs/summary-q4-2025.md, docs/summary-page1.png"
