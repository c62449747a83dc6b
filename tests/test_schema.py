"""`dancu schema`: a JSON Schema that a standard validator (check-jsonschema) can use."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PLAN_FILE, REPO, run

KINDS = ("plan", "units", "report", "calendar")


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    return subprocess.run([exe, "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True, encoding="utf-8")


@pytest.fixture
def plan_schema(tmp_path: Path) -> Path:
    result = run("schema", "plan")
    assert result.exit_code == 0
    path = tmp_path / "plan.schema.json"
    path.write_text(result.output, encoding="utf-8")
    return path


def test_shipped_plan_passes_check_jsonschema(plan_schema: Path):
    result = check_jsonschema(plan_schema, PLAN_FILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_unknown_key_fails_check_jsonschema(plan_schema: Path, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(PLAN_FILE.read_text(encoding="utf-8").replace("    heading:", "    headin:", 1), encoding="utf-8")
    result = check_jsonschema(plan_schema, bad)
    assert result.returncode == 1
    assert "headin" in result.stdout + result.stderr


def test_units_schema_accepts_registry(tmp_path: Path):
    path = tmp_path / "units.schema.json"
    path.write_text(run("schema", "units").output, encoding="utf-8")
    assert check_jsonschema(path, REPO / "plans" / "units.yaml").returncode == 0


@pytest.mark.parametrize("kind", KINDS)
def test_descriptions_are_vietnamese_and_committed_copy_is_current(kind: str):
    schema = json.loads(run("schema", kind).output)
    props = schema["properties"]
    assert all("description" in p for p in props.values())
    assert any(ch in schema["title"] for ch in "ạảãáàâăđêôơư")
    committed = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert committed == schema, f"schemas/{kind}.schema.json is stale: run `dancu schema {kind} -o schemas/{kind}.schema.json`"


def test_schema_written_to_file(tmp_path: Path):
    out = tmp_path / "x" / "report.schema.json"
    result = run("schema", "report", "-o", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["properties"]["entries"]
