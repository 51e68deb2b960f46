"""The annual report as PDF: the .docx converted by LibreOffice (headless), where installed.

Each conversion runs in its own LibreOffice profile, so conversions in parallel (or a person's
own LibreOffice) never share a lock, and the profile carries a font replacement table: on a
machine without the standard 公文 fonts, each is drawn with the nearest Noto CJK face
(fonts-noto-cjk) instead of whatever LibreOffice picks first (sans-serif for everything, DejaVu
digits).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from fazhi.reports.document import ReportDocument
from fazhi.reports.docx import (
    BODY_FONT,
    HEADING_1_FONT,
    HEADING_2_FONT,
    PAGE_NUMBER_FONT,
    TITLE_FONT,
    render_docx,
)

TIMEOUT_SECONDS = 120
# Used only for fonts this machine lacks (see _missing_fonts).
SUBSTITUTES = {
    TITLE_FONT: "Noto Serif CJK SC",
    BODY_FONT: "Noto Serif CJK SC",
    HEADING_1_FONT: "Noto Sans CJK SC",
    HEADING_2_FONT: "Noto Serif CJK SC",
    PAGE_NUMBER_FONT: "Noto Serif CJK SC",
    "仿宋": "Noto Serif CJK SC",
    "楷体": "Noto Serif CJK SC",
}


class PdfUnavailable(RuntimeError):
    """LibreOffice is missing or the conversion failed; the message is for people, in Chinese."""


def soffice_path() -> str | None:
    return os.environ.get("FAZHI_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice_path() is not None


def render_pdf(document: ReportDocument) -> bytes:
    """The report as PDF bytes; raises PdfUnavailable without LibreOffice."""
    return docx_to_pdf(render_docx(document))


def docx_to_pdf(data: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(
            "本机未安装 LibreOffice（soffice），无法生成 PDF；请下载 Word 版本，"
            "或由管理员安装 libreoffice-writer 后重试。"
        )
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as work:
        work_dir = Path(work)
        profile = work_dir / "profile"
        _write_profile(profile)
        source = work_dir / "report.docx"
        source.write_bytes(data)
        out_dir = work_dir / "out"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source),
        ]
        environment = {**os.environ, "HOME": str(work_dir)}
        try:
            completed = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout,
                env=environment,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailable(f"LibreOffice 转换 PDF 超时（超过 {timeout:.0f} 秒）。") from error
        except OSError as error:
            raise PdfUnavailable(f"无法启动 LibreOffice：{error}") from error
        result = out_dir / "report.pdf"
        if not result.exists():
            detail = completed.stderr.decode("utf-8", "replace").strip()[-300:]
            raise PdfUnavailable(
                f"LibreOffice 未能生成 PDF（退出码 {completed.returncode}）。{detail}".strip()
            )
        return result.read_bytes()


def _missing_fonts() -> dict[str, str]:
    """The standard fonts fontconfig does not have, with their substitutes. LibreOffice run
    headless ignores replacement pairs marked "only when missing", so the pairs are written as
    "always" and only for fonts found missing here; without fc-list, none."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return {}
    missing = {}
    for font, substitute in SUBSTITUTES.items():
        try:
            found = subprocess.run(
                [fc_list, f":family={font}", "family"],
                capture_output=True,
                timeout=10,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return {}
        if not found:
            missing[font] = substitute
    return missing


def _write_profile(profile: Path) -> None:
    user = profile / "user"
    user.mkdir(parents=True)
    pairs = "".join(
        _font_pair(n, font, substitute)
        for n, (font, substitute) in enumerate(_missing_fonts().items())
    )
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry"'
        ' xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>\n'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
        f"{pairs}</item>\n"
        "</oor:items>\n",
        encoding="utf-8",
    )


def _font_pair(n: int, font: str, substitute: str) -> str:
    def prop(name: str, value: str) -> str:
        return f'<prop oor:name="{name}" oor:op="fuse"><value>{escape(value)}</value></prop>'

    return (
        f'<node oor:name="_{n}" oor:op="replace">'
        + prop("Always", "true")
        + prop("OnScreenOnly", "false")
        + prop("ReplaceFont", font)
        + prop("SubstituteFont", substitute)
        + "</node>"
    )
