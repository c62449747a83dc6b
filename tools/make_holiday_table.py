#!/usr/bin/env python3
"""Write src/dancu_cli/data/holidays-vn.json from the installed `holidays` package.

For every year from FIRST_YEAR to LAST_YEAR: each statutory holiday with its Vietnamese
names (in the order `get_list` gives them) and the weekend days worked in exchange
(`weekend_workdays`), plus the `holidays` version it was made from. dancu reads this
table instead of importing `holidays` (about 150 ms per command); a year outside it
still asks the package. Rerun after upgrading `holidays` when tests/test_holiday_table.py
says the table no longer matches:

    python tools/make_holiday_table.py            # rewrite the table
    python tools/make_holiday_table.py --check    # exit 1 when the table is out of date

The range: 2015 is the first year of the 10-year benchmark workspace, so a decade of an
office's reports is covered; 2045 is the farthest horizon of the plans offices carry
out ("đến năm 2030, tầm nhìn đến năm 2045"). That is 31 years, about 21 kB, which parses
in a fraction of a millisecond; every year the calendar command accepts (1990-2100) would
be three and a half times that for years no plan uses.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from dancu_cli.core.calendar import HOLIDAY_TABLE, holidays_from_package  # noqa: E402

FIRST_YEAR = 2015
LAST_YEAR = 2045
OUT = REPO / "src" / "dancu_cli" / HOLIDAY_TABLE


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def build_table() -> dict:
    import holidays

    years = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        found = holidays_from_package(year)
        years[str(year)] = {
            "holidays": {day.isoformat(): [nfc(name) for name in names] for day, names in found.holidays.items()},
            "weekend_workdays": sorted(day.isoformat() for day in found.weekend_workdays),
        }
    return {"country": "VN", "language": "vi", "first_year": FIRST_YEAR, "last_year": LAST_YEAR,
            "holidays_version": holidays.__version__, "made_by": "tools/make_holiday_table.py", "years": years}


def render(table: dict) -> str:
    """Compact JSON with sorted keys, one line per year so that a regenerated table diffs readably."""
    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    head = {key: value for key, value in table.items() if key != "years"}
    assert max(head) < "years"  # "years" stays the last key, as sort_keys puts it
    years = table["years"]
    lines = [dumps(head)[:-1] + ',"years":{']
    lines += [f'{dumps(year)}:{dumps(years[year])}' + ("," if year != max(years) else "") for year in sorted(years)]
    text = "\n".join(lines) + "\n}}\n"
    assert json.loads(text) == table
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the table differs from the package")
    args = parser.parse_args()
    text = render(build_table())
    current = OUT.read_text(encoding="utf-8") if OUT.exists() else None
    if args.check:
        if current != text:
            print(f"{OUT.relative_to(REPO)} is out of date: run python tools/make_holiday_table.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        OUT.write_bytes(text.encode("utf-8"))  # bytes: the same "\n" line ends on Windows
    print(f"{OUT.relative_to(REPO)}: {FIRST_YEAR}-{LAST_YEAR}, {len(text.encode('utf-8'))} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
