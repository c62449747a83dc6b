"""Word → PDF with LibreOffice (`soffice --headless`), the converter offices already have or can get freely.

dancu renders Word itself (docxtpl); PDF layout needs a real word processor,
so it is LibreOffice's. Conversion runs in a private temporary folder with a
private LibreOffice profile: a LibreOffice the user has open would otherwise
take the request and convert nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

INSTALL_HINT = (
    "Cài LibreOffice để xuất PDF: trên Debian/Ubuntu chạy "
    "`sudo apt-get install -y --no-install-recommends libreoffice-writer`; trên Windows tải bộ cài tại "
    "https://www.libreoffice.org/download/ rồi chạy lại lệnh. Hoặc xuất Word (-o TỆP.docx) rồi lưu thành PDF "
    "bằng Word."
)
CONVERT_TIMEOUT = 300  # seconds; the first start of LibreOffice builds its profile and is slow


class OfficeProblem(Exception):
    """LibreOffice is missing or failed; the message is for the user, in Vietnamese."""


def _candidates() -> list[str]:
    if sys.platform == "win32":
        roots = [os.environ.get(v) for v in ("ProgramFiles", "ProgramFiles(x86)")]
        return [str(Path(r) / "LibreOffice" / "program" / "soffice.exe") for r in roots if r]
    if sys.platform == "darwin":
        return ["/Applications/LibreOffice.app/Contents/MacOS/soffice"]
    return []


def find_soffice() -> str | None:
    """The LibreOffice program: DANCU_SOFFICE when set, else soffice or libreoffice on PATH, else the usual
    install folder (Windows, macOS)."""
    explicit = os.environ.get("DANCU_SOFFICE")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((c for c in _candidates() if Path(c).is_file()), None)


def docx_to_pdf(document: bytes, soffice: str | None = None) -> bytes:
    """The PDF of a Word document. Raises OfficeProblem when LibreOffice is missing or fails."""
    program = soffice or find_soffice()
    if program is None:
        raise OfficeProblem("không tìm thấy LibreOffice (soffice) trên máy này. " + INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="dancu-pdf-") as work:
        folder = Path(work)
        source = folder / "bao-cao.docx"
        source.write_bytes(document)
        profile = (folder / "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        # HOME points into the temporary folder too: LibreOffice writes there even with its own profile.
        env = {**os.environ, "HOME": str(folder)}
        try:
            done = subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT, env=env,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise OfficeProblem(f"LibreOffice không chuyển xong sang PDF sau {CONVERT_TIMEOUT} giây") from None
        except OSError as exc:
            raise OfficeProblem(f"không chạy được LibreOffice ({program}): {exc.strerror or exc}") from None
        pdf = folder / "bao-cao.pdf"
        if done.returncode != 0 or not pdf.is_file():
            said = (done.stderr or done.stdout or b"").decode("utf-8", "replace").strip()
            raise OfficeProblem("LibreOffice không chuyển được văn bản sang PDF"
                                + (f": {said[:300]}" if said else ""))
        return pdf.read_bytes()
