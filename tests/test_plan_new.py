"""`dancu plan new` on a pseudo-terminal: a clerk answers the questions and gets a plan that validates."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import run

pexpect = pytest.importorskip("pexpect", reason="pexpect lái lệnh trên terminal giả (không có trên Windows)")
if sys.platform == "win32":  # pragma: no cover
    pytest.skip("terminal giả (pty) chỉ có trên Linux và macOS", allow_module_level=True)


class Terminal:
    def __init__(self, root: Path):
        env = {**os.environ, "DANCU_TODAY": "2026-01-20", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
        env.pop("DANCU_ROOT", None)
        self.child = pexpect.spawn(sys.executable, ["-m", "dancu_cli", "--root", str(root), "plan", "new"],
                                   env=env, encoding="utf-8", timeout=60, dimensions=(50, 200))
        self.seen: list[str] = []

    def answer(self, question: str, text: str) -> str:
        """Wait for the question, answer it; return what was printed since the last answer."""
        self.child.expect(question)
        before = self.child.before
        self.seen.append(before)
        self.child.sendline(text)
        return before

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.seen.append(self.child.before)
        self.child.close()
        return self.child.exitstatus


def test_plan_new_on_a_terminal_writes_a_plan_that_validates(workspace: Path):
    t = Terminal(workspace)
    t.answer(r"Cơ quan ban hành \[Sở Khoa học và Công nghệ\]", "")  # defaults from the shipped plan
    t.answer("Cơ quan chủ quản", "")
    t.answer("Số", "2599")                                          # taken: asked again
    t.answer("Ký hiệu", "")
    t.answer("Số", "115")
    t.answer("Ký hiệu", "")
    t.answer("Địa danh", "")
    t.answer("Ngày ban hành", "31/02/2026")
    t.answer("Ngày ban hành", "")                                    # Enter: today, 20/01/2026
    t.answer("Trích yếu", "Chuyển đổi số năm 2026")
    t.answer(r"Ngày bắt đầu thực hiện \[01/01/2026\]", "")           # "năm 2026" in the subject
    t.answer(r"Ngày kết thúc \[31/12/2026\]", "")
    t.answer(r"Đơn vị đầu mối .* \[Văn phòng Sở\]", "")
    t.answer("Chọn kỳ báo cáo", "5")
    t.answer("Chọn kỳ báo cáo", "3")                                  # 6 tháng
    t.answer("Hạn gửi báo cáo", "")
    t.answer("Nơi nhận báo cáo tổng hợp", "")
    t.answer("Tên nhiệm vụ", "Số hóa hồ sơ thủ tục hành chính")
    t.answer("Cơ quan chủ trì", "Phòng XYZ")
    t.answer("Cơ quan chủ trì", "van phong so")
    t.answer("Cơ quan phối hợp", "Phòng Chuyển đổi số, các phòng, đơn vị thuộc Sở")
    t.answer("Cơ quan thực hiện", "")
    t.answer("Thời gian thực hiện", "Quý II và quý III/2026")
    t.answer("Thời gian thực hiện", "Trước ngày 15/6/2027")
    t.answer("Thời gian thực hiện", "Quý II/2026")
    t.answer(r"Thêm nhiệm vụ khác\? \[c/K\]", "c")
    t.answer("Tên nhiệm vụ", "Tuyên truyền kỹ năng số cho công chức, viên chức")
    t.answer("Cơ quan chủ trì", "")
    t.answer("Cơ quan phối hợp", "")
    t.answer("Cơ quan thực hiện", "")
    t.answer("Cơ quan chủ trì", "")
    t.answer("Cơ quan phối hợp", "")
    t.answer("Cơ quan thực hiện", "CĐS")
    t.answer("Thời gian thực hiện", "Thường xuyên")
    t.answer(r"Thêm nhiệm vụ khác\? \[c/K\]", "")
    t.answer(r"Dùng lại\? \[c/K\]", "c")
    t.answer("Thẩm quyền ký", "")
    t.answer("Chức vụ người ký", "")
    t.answer("Họ tên người ký", "")
    t.answer(r"Ghi vào tệp .*115-KH-SKHCN.yaml\? \[c/K\]", "c")
    assert t.finish() == 0, "".join(t.seen)
    screen = "".join(t.seen)
    # Each bad answer was refused with its reason, then asked again.
    assert "Đã có kế hoạch 2599/KH-SKHCN" in screen
    assert "Ngày 31/02/2026 không tồn tại" in screen
    assert "Hãy gõ một số từ 1 đến 4" in screen
    assert "“Phòng XYZ” không có trong danh mục đơn vị" in screen
    assert "Không rõ hạn của “Quý II và quý III/2026”" in screen
    assert "Hạn 15/06/2027 nằm ngoài thời gian của kế hoạch (01/01/2026 – 31/12/2026)" in screen
    assert "Nhiệm vụ cần ít nhất một cơ quan chủ trì, phối hợp hoặc thực hiện" in screen

    assert run("validate", root=workspace).exit_code == 0
    data = yaml.safe_load((workspace / "plans" / "115-KH-SKHCN.yaml").read_text(encoding="utf-8"))
    assert data["document"] == {"type": "Kế hoạch", "number": "115", "code": "KH-SKHCN", "place": "Quảng Ngãi",
                                "issued_on": date(2026, 1, 20), "title": "Chuyển đổi số năm 2026"}
    assert data["window"] == {"starts_on": date(2026, 1, 1), "ends_on": date(2026, 12, 31)}
    assert data["reporting"]["frequency"] == "half_yearly"
    assert data["reporting"]["through"] == "van-phong-so"
    assert data["tasks"] == [
        {"number": 1, "heading": "Số hóa hồ sơ thủ tục hành chính", "lead": "van-phong-so",
         "coordinating": ["phong-chuyen-doi-so", "cac-phong-don-vi"],
         "timeframe": {"text": "Quý II/2026", "kind": "deadline", "due": date(2026, 6, 30)}},
        {"number": 2, "heading": "Tuyên truyền kỹ năng số cho công chức, viên chức",
         "implementing": ["phong-chuyen-doi-so"], "timeframe": {"text": "Thường xuyên", "kind": "regular"}},
    ]
    assert data["signer"] == {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Mai Thoan"}
    shown = run("plan", "show", "115-KH-SKHCN", root=workspace)
    assert shown.exit_code == 0 and "Kế hoạch số 115/KH-SKHCN" in shown.output


def test_plan_new_declined_writes_nothing(workspace: Path):
    t = Terminal(workspace)
    for question, text in [("Cơ quan ban hành", ""), ("Cơ quan chủ quản", ""), ("Số", "7"), ("Ký hiệu", ""),
                           ("Địa danh", ""), ("Ngày ban hành", ""), ("Trích yếu", "Cải cách hành chính năm 2026"),
                           ("Ngày bắt đầu", ""), ("Ngày kết thúc", ""), ("Đơn vị đầu mối", ""),
                           ("Chọn kỳ báo cáo", ""), ("Hạn gửi", ""), ("Nơi nhận báo cáo tổng hợp", ""),
                           ("Tên nhiệm vụ", "Rà soát thủ tục"), ("Cơ quan chủ trì", "VP"), ("Cơ quan phối hợp", ""),
                           ("Cơ quan thực hiện", ""), ("Thời gian thực hiện", "Năm 2026"), ("Thêm nhiệm vụ", ""),
                           ("Dùng lại", ""), ("Nơi nhận", "Lưu: VT"), ("Nơi nhận", ""), ("Thẩm quyền ký", "-"),
                           ("Chức vụ", "GIÁM ĐỐC"), ("Họ tên", "Nguyễn Văn A"), ("Ghi vào tệp", "")]:
        t.answer(question, text)
    assert t.finish() == 1
    assert "Đã hủy: không ghi gì." in "".join(t.seen)
    assert not (workspace / "plans" / "7-KH-SKHCN.yaml").exists()


def test_plan_new_needs_a_terminal(workspace: Path):
    result = run("plan", "new", root=workspace)
    assert result.exit_code == 2
    assert "dancu plan import" in result.output
