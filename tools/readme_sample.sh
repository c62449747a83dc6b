#!/usr/bin/env bash
# Rebuild the README's sample outward report from the sample reports the tests use:
#   docs/summary-q4-2025.md          the whole Markdown
#   docs/summary-q4-2025-N.png       every page of the PDF (`dancu summary -o x.pdf`), at 60 dpi
#   docs/theo-doi-q4-2025-N.png      every page of the Office's follow-up (`dancu status -o x.docx`), at 60 dpi
# Needs dancu (DANCU=path/to/dancu, else .venv/bin/dancu, else dancu on PATH), LibreOffice and poppler-utils.
set -euo pipefail
. "$(dirname "$0")/sample_workspace.sh"
export DANCU_CACHE=0
"$dancu" summary --period 2025-Q4 --as-of 2026-01-15 -o "$repo/docs/summary-q4-2025.md"
"$dancu" summary --period 2025-Q4 --as-of 2026-01-15 -o summary.pdf
rm -f "$repo"/docs/summary-q4-2025-*.png "$repo/docs/summary-page1.png"
pdftoppm -png -r 60 summary.pdf "$repo/docs/summary-q4-2025"
"$dancu" status --period 2025-Q4 --as-of 2026-01-15 -o theo-doi.docx
soffice "-env:UserInstallation=file://$work/lo" --headless --convert-to pdf theo-doi.docx >/dev/null
rm -f "$repo"/docs/theo-doi-q4-2025-*.png
pdftoppm -png -r 60 theo-doi.pdf "$repo/docs/theo-doi-q4-2025"
ls "$repo"/docs/summary-q4-2025* "$repo"/docs/theo-doi-q4-2025*
