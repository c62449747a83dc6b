# Sourced by the tools that rebuild the README's pictures: finds dancu (DANCU=path/to/dancu, else
# .venv/bin/dancu, else dancu on PATH) and moves into a throw-away workspace of plans/ with the sample
# reports the tests use (tests/data/summary-q4). Sets $repo, $dancu and $work; $work is removed on exit.
cd "$(dirname "$0")/.."
repo=$PWD
dancu=${DANCU:-}
if [ -z "$dancu" ]; then
  if [ -x "$repo/.venv/bin/dancu" ]; then dancu="$repo/.venv/bin/dancu"; else dancu=$(command -v dancu); fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r plans "$work/plans"
cp -r tests/data/summary-q4/reports "$work/reports"
cd "$work"
