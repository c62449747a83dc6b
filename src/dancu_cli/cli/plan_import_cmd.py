"""`dancu plan import FILE` and `dancu plan new`: bring a new plan into the workspace."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .options import ProblemFormatOption, chosen_problem_format


def _print_notes(problems, title: str, mark: str) -> None:
    if not problems:
        return
    typer.echo(f"{title} (đánh dấu “# {mark}” trong tệp):" if mark else f"{title}:", err=True)
    for p in problems:
        path = f" [{p.path}]" if p.path else ""
        typer.echo(f"  - {p.message}{path}", err=True)


def plan_import(
    ctx: typer.Context,
    source: Path = typer.Argument(..., metavar="TỆP", help="Văn bản kế hoạch: .docx (Word), .pdf (có lớp chữ hoặc bản quét) hoặc .txt."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP_YAML",
        help="Tệp kế hoạch cần ghi, trong thư mục plans/. Mặc định: plans/<số>-<ký hiệu>.yaml, ví dụ plans/2599-KH-SKHCN.yaml."),
    check: bool = typer.Option(False, "--check", help="Chỉ in tệp kế hoạch sẽ được ghi và các chỗ cần xử lý; không ghi gì."),
    replace: bool = typer.Option(False, "--replace", help="Cho phép ghi đè tệp kế hoạch đã có."),
    fmt: ProblemFormatOption = None,
) -> None:
    """Nhập kế hoạch từ văn bản Word, PDF hoặc văn bản thuần thành tệp kế hoạch trong plans/.

    Lệnh đọc phần đầu, trích yếu, mục đích, yêu cầu, các nhiệm vụ (đánh số hoặc trong bảng) với cơ quan chủ trì,
    phối hợp, thực hiện và thời gian, kinh phí, tổ chức thực hiện, nơi nhận và người ký. Tên đơn vị được đối chiếu
    với plans/units.yaml. Chỗ nào không xác định được (đơn vị không có trong danh mục, thời gian không rõ hạn…) được
    ghi thành dấu “# CẦN XỬ LÝ” trong tệp và liệt kê kèm vị trí trong văn bản. Mã thoát: 0 khi tệp hợp lệ, 1 khi
    còn chỗ cần xử lý hoặc lệnh từ chối (khi từ chối thì không ghi gì), 2 khi gọi lệnh sai."""
    from ..core.plan_import.service import note_problems, prepare, write
    from ..core.problems import format_problems
    from .output import fail, open_workspace, os_error_text

    chosen = chosen_problem_format(fmt)
    ws = open_workspace(ctx, include_reports=False, strict=False)
    if ws.registry is None:
        fail("không đọc được danh mục đơn vị plans/units.yaml nên không đối chiếu được tên đơn vị; xem `dancu validate`.")
    prepared = prepare(ws, source, output)  # refusals (exit 1, or 2 for a wrong -o) are printed by the group
    if not check:
        try:
            write(prepared, replace)
        except OSError as exc:
            fail(f"không ghi được tệp {prepared.shown}: {os_error_text(exc)}")

    problems = note_problems(prepared.result)
    errors = [p for p in problems if p.severity == "error"]
    plan = prepared.result.data
    tasks = len(plan.get("tasks", []))
    reference = f"{plan['document'].get('number', '?')}/{plan['document'].get('code', '?')}"
    if check:
        typer.echo(prepared.text, nl=False)
        typer.echo(f"Kiểm tra (--check): kế hoạch {reference}, {tasks} nhiệm vụ, sẽ được ghi vào tệp {prepared.shown}"
                   f"{' (ghi đè tệp đã có: cần --replace)' if prepared.exists else ''}. Chưa ghi gì.", err=True)
    else:
        typer.echo(f"Đã ghi kế hoạch {reference} ({tasks} nhiệm vụ) vào tệp {prepared.shown}"
                   f"{' (ghi đè tệp cũ)' if prepared.exists else ''}.", err=True)
    if chosen != "text":  # for tools: on stdout, unless stdout already carries the file (--check)
        (sys.stderr if check else sys.stdout).write(format_problems(problems, chosen, 1))
    else:
        from ..core.plan_import.write import TO_CONFIRM, TO_FIX

        _print_notes(errors, f"Cần xử lý {len(errors)} chỗ", TO_FIX)
        _print_notes([p for p in problems if p.severity != "error" and p.path], "Cần xác nhận", TO_CONFIRM)
        _print_notes([p for p in problems if p.severity != "error" and not p.path], "Lưu ý về văn bản nguồn", "")
    if errors:
        typer.echo("Sửa các chỗ trên trong tệp kế hoạch (hoặc thêm đơn vị vào plans/units.yaml) rồi chạy "
                   "`dancu validate`.", err=True)
        raise typer.Exit(1)
    if not check:
        typer.echo("Kiểm tra lại bằng `dancu plan show` và `dancu validate`.", err=True)


def _latest(ws):
    """The most recent plan: its issuer, symbol, unit in charge and signer are the likely answers."""
    return max(ws.plans.values(), key=lambda p: p.document.issued_on, default=None)


def _ask_roles(registry) -> dict:
    from ..core.plan_import.answers import read_units
    from .prompts import ask

    while True:
        roles = {}
        for key, label, single in (("lead", "Cơ quan chủ trì", True), ("coordinating", "Cơ quan phối hợp", False),
                                   ("implementing", "Cơ quan thực hiện", False)):
            refs = ask(f"  {label} (Enter nếu không có)", lambda t, s=single: read_units(t, registry, s) if t.strip() else [],
                       default="")
            if refs:
                roles[key] = refs[0] if key == "lead" else refs
        if roles:
            return roles
        typer.echo("  Nhiệm vụ cần ít nhất một cơ quan chủ trì, phối hợp hoặc thực hiện.", err=True)


def plan_new(
    ctx: typer.Context,
    replace: bool = typer.Option(False, "--replace", help="Cho phép ghi đè tệp kế hoạch đã có cùng số, ký hiệu."),
) -> None:
    """Tạo kế hoạch mới bằng cách trả lời từng câu hỏi trên terminal (cho kế hoạch nhỏ, không cần văn bản).

    Lệnh hỏi phần đầu (cơ quan ban hành, số, ký hiệu, ngày, trích yếu), thời gian thực hiện, chế độ báo cáo,
    rồi từng nhiệm vụ với cơ quan chủ trì, phối hợp, thực hiện và thời gian; câu trả lời sai được hỏi lại kèm
    lý do. Trước khi ghi, lệnh hỏi xác nhận [c/K]; tệp được kiểm tra như `dancu validate`."""
    from ..core.dates import format_date, today_vn
    from ..core.models.plan import FREQUENCY_LABELS
    from ..core.plan_import import answers
    from ..core.plan_import.parse import plan_id_for
    from ..core.plan_import.service import prepare_new, write
    from .output import fail, open_workspace, os_error_text
    from .prompts import ask, ask_optional, confirm
    from .report_cmd import stdin_is_interactive

    if not stdin_is_interactive():
        fail("lệnh plan new hỏi từng bước nên cần chạy trên terminal. Để đưa kế hoạch từ văn bản Word hay PDF "
             "vào, dùng `dancu plan import TỆP`.", 2)
    ws = open_workspace(ctx, include_reports=False)
    registry, last = ws.registry, _latest(ws)
    text = lambda what: (lambda t: answers.nfc_text(t, what))  # noqa: E731

    typer.echo("Kế hoạch mới. Enter để nhận giá trị trong ngoặc vuông (lấy từ kế hoạch gần nhất).")
    issuer = ask("Cơ quan ban hành", text("cơ quan ban hành"), last.issuer.name if last else None)
    parent = ask_optional("Cơ quan chủ quản", last.issuer.parent if last else None)
    while True:
        number = ask("Số (ví dụ 115)", answers.read_number)
        code = ask("Ký hiệu", answers.read_code, last.document.code if last else None)
        plan_id = plan_id_for(number, code)
        exists = plan_id in ws.plans or (ws.root / "plans" / f"{plan_id}.yaml").exists()
        if not exists or replace:
            break
        typer.echo(f"  Đã có kế hoạch {number}/{code} (tệp plans/{plan_id}.yaml). Hãy gõ số khác, "
                   "hoặc chạy lại lệnh với --replace để ghi đè.", err=True)
    place = ask("Địa danh", text("địa danh"), last.document.place if last else None)
    issued = ask("Ngày ban hành", answers.read_date, format_date(today_vn()))
    title = ask("Trích yếu (ví dụ: Chuyển đổi số năm 2026)", text("trích yếu"))

    window = answers.default_window(title, issued)
    start = ask("Ngày bắt đầu thực hiện", answers.read_date, format_date(window[0] if window else issued))
    end = ask("Ngày kết thúc", lambda t: answers.read_end(t, start),
              format_date(window[1]) if window and window[1] >= start else None)

    unit_default = registry.display(last.reporting.through) if last else None
    through = ask("Đơn vị đầu mối nhận báo cáo của các đơn vị", lambda t: answers.read_unit(t, registry), unit_default)
    typer.echo("Kỳ báo cáo: " + ", ".join(f"{i}. {label}" for i, (_, label) in enumerate(answers.FREQUENCIES, 1)))
    frequency = ask("Chọn kỳ báo cáo (số)", answers.read_frequency, "2")
    due_days = ask("Hạn gửi báo cáo: số ngày làm việc sau khi hết kỳ", answers.read_working_days, "5")
    to = ask_optional("Nơi nhận báo cáo tổng hợp, ví dụ “UBND tỉnh (qua Sở Nội vụ)”", last.reporting.to if last else None)

    tasks = []
    while True:
        n = len(tasks) + 1
        typer.echo(f"Nhiệm vụ {n}")
        heading = ask("  Tên nhiệm vụ", text("tên nhiệm vụ"))
        task = {"number": n, "heading": heading, **_ask_roles(registry)}
        task["timeframe"] = ask(f"  Thời gian thực hiện ({answers.TIMEFRAME_FORMS})",
                                lambda t: answers.read_timeframe(t, start, end))
        tasks.append(task)
        if not confirm("Thêm nhiệm vụ khác?"):
            break

    recipients = list(last.recipients) if last else []
    if not (recipients and confirm(f"Nơi nhận như kế hoạch {last.reference}: {'; '.join(recipients)}. Dùng lại?")):
        recipients = []
        while True:
            one = ask_optional("Nơi nhận (mỗi lần một nơi, ví dụ “Lãnh đạo Sở”)")
            if one:
                recipients.append(one)
            elif recipients:
                break
            else:
                typer.echo("  Cần ít nhất một nơi nhận, ví dụ “Lưu: VT”.", err=True)
    authority = ask_optional("Thẩm quyền ký, ví dụ “KT. GIÁM ĐỐC”", last.signer.authority if last else None)
    signer_title = ask("Chức vụ người ký", text("chức vụ người ký"), last.signer.title if last else None)
    signer_name = ask("Họ tên người ký", text("họ tên người ký"), last.signer.name if last else None)

    issuer_data = {"name": issuer, **({"parent": parent} if parent else {})}
    reporting = {"through": through, **({"to": to} if to else {}), "frequency": frequency, "cutoff": "calendar",
                 "due_working_days": due_days, "owing_roles": ["lead", "coordinating", "implementing"]}
    data = {"id": plan_id, "document": {"type": "Kế hoạch", "number": number, "code": code, "place": place,
                                        "issued_on": issued, "title": title},
            "issuer": issuer_data, "tasks": tasks, "window": {"starts_on": start, "ends_on": end},
            "reporting": reporting, "recipients": recipients,
            "signer": {**({"authority": authority} if authority else {}), "title": signer_title, "name": signer_name}}
    prepared = prepare_new(ws, data)
    typer.echo(f"Kế hoạch {number}/{code}: {title}; {len(tasks)} nhiệm vụ; {format_date(start)} – {format_date(end)}; "
               f"báo cáo {FREQUENCY_LABELS[frequency]} qua {registry.display(through)}.")
    if not confirm(f"Ghi vào tệp {prepared.shown}?"):
        typer.echo("Đã hủy: không ghi gì.")
        raise typer.Exit(1)
    try:
        write(prepared, replace)
    except OSError as exc:
        fail(f"không ghi được tệp {prepared.shown}: {os_error_text(exc)}")
    typer.echo(f"Đã ghi kế hoạch {number}/{code} ({len(tasks)} nhiệm vụ) vào tệp {prepared.shown}. "
               "Xem lại bằng `dancu plan show`.")
