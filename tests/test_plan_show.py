"""`dancu plan show|list`: the seven tasks of 2599/KH-SKHCN with their roles and timeframes."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, run, run_process

# Read off the signed plan: tasks 4, 5 and 7 are led by Văn phòng Sở; only task 5 is "Năm 2025".
EXPECTED = {
    1: (None, [], ["cac-phong-don-vi"], "Thường xuyên"),
    2: (None, [], ["cac-phong-don-vi"], "Thường xuyên"),
    3: (None, [], ["cac-phong-don-vi"], "Thường xuyên"),
    4: ("van-phong-so", ["cac-phong-don-vi"], [], "Thường xuyên"),
    5: ("van-phong-so", [], ["cac-phong-don-vi"], "Năm 2025"),
    6: (None, [], ["cac-phong-don-vi"], "Thường xuyên"),
    7: ("van-phong-so", [], ["cac-phong-don-vi"], "Thường xuyên"),
}


def test_plan_show_json_has_the_seven_tasks():
    result = run("plan", "show", "--format", "json", root=REPO)
    assert result.exit_code == 0
    plan = json.loads(result.output)
    assert plan["document"]["number"] == "2599" and plan["document"]["issued_on"] == "2025-11-04"
    got = {t["number"]: (t["lead"], t["coordinating"], t["implementing"], t["timeframe"]["text"]) for t in plan["tasks"]}
    assert got == EXPECTED
    task5 = plan["tasks"][4]["timeframe"]
    assert (task5["kind"], task5["due"]) == ("deadline", "2025-12-31")
    assert all(t["timeframe"]["kind"] == "regular" for t in plan["tasks"] if t["number"] != 5)
    assert plan["window"] == {"starts_on": "2025-11-04", "ends_on": "2025-12-31"}


def test_plan_show_table_fits_80_columns_and_names_roles():
    result = run_process("plan", "show", cwd=REPO, env={"COLUMNS": "80"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert max(len(l.rstrip()) for l in lines) <= 80
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in result.stdout
    assert "2599/KH-SKHCN" in result.stdout
    header = next(l for l in lines if "STT" in l)
    for heading in ("Nội dung", "Chủ trì", "Phối hợp", "Thực hiện", "Thời gian"):
        assert heading in header
    # Each task row starts with its number; the lead column holds VP exactly for tasks 4, 5, 7.
    rows = {int(l.split()[0]): l for l in lines if l.strip() and l.split()[0].isdigit() and l.startswith("   ")}
    assert sorted(rows) == [1, 2, 3, 4, 5, 6, 7]
    lead_col = header.index("Chủ trì")
    for n, row in rows.items():
        assert (row[lead_col:lead_col + 7].strip() == "VP") == (n in (4, 5, 7)), row
    assert ("Năm 2025" in rows[5]) and all("Thường xuyên" in rows[n] for n in (1, 2, 3, 4, 6, 7))
    assert "VP = Văn phòng Sở" in result.stdout


def test_plan_list_and_unknown_plan():
    listed = run("plan", "list", "--format", "json", root=REPO)
    assert [p["id"] for p in json.loads(listed.output)] == ["2599-KH-SKHCN"]
    assert run("plan", "show", "2599/KH-SKHCN", "--format", "json", root=REPO).exit_code == 0
    missing = run("plan", "show", "9999-KH-X", root=REPO)
    assert missing.exit_code == 2
    assert "không có kế hoạch “9999-KH-X”" in missing.output
