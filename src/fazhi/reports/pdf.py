"""The annual report as PDF: the .docx converted by LibreOffice (headless), where installed.

Each conversion runs in its own LibreOffice profile, so conversions in parallel (or a person's
own LibreOffice) never share a lock. Fonts come from fontconfig with the project's own
configuration (fonts/fonts.conf, for this process only): the 公文 font names of the .docx are
drawn with open Simplified Chinese fonts where the real ones are not installed.
"""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from fazhi.reports.document import ReportDocument
from fazhi.reports.docx import render_docx

TIMEOUT_SECONDS = 120
FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
SYSTEM_FONTS_CONF = Path("/etc/fonts/fonts.conf")


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
    """Two passes through LibreOffice: the .docx to flat ODF, where the spacing the .docx turns
    off (w:autoSpaceDE, which LibreOffice's .docx import ignores) is turned off too, then to PDF.
    Without that, LibreOffice puts a space between Chinese and digits ("2025 年")."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable(
            "本机未安装 LibreOffice（soffice），无法生成 PDF；请下载 Word 版本，"
            "或由管理员安装 libreoffice-writer 后重试。"
        )
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as work:
        work_dir = Path(work)
        source = work_dir / "report.docx"
        source.write_bytes(data)
        flat = _convert(soffice, work_dir, source, "fodt", timeout)
        flat.write_text(without_autospace(flat.read_text("utf-8")), "utf-8")
        return _convert(soffice, work_dir, flat, "pdf", timeout).read_bytes()


def without_autospace(flat_odf: str) -> str:
    """The document with no automatic space between Asian and Western text."""
    return re.sub(r'style:text-autospace="[^"]*"', 'style:text-autospace="none"', flat_odf)


def _convert(soffice: str, work_dir: Path, source: Path, target: str, timeout: float) -> Path:
    out_dir = work_dir / target
    command = [
        soffice,
        f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        str(source),
    ]
    environment = {**os.environ, "HOME": str(work_dir), **font_environment()}
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
    result = out_dir / f"{source.stem}.{target}"
    if not result.exists():
        detail = completed.stderr.decode("utf-8", "replace").strip()[-300:]
        raise PdfUnavailable(
            f"LibreOffice 未能生成 PDF（退出码 {completed.returncode}）。{detail}".strip()
        )
    return result


def font_environment() -> dict[str, str]:
    """FONTCONFIG_FILE for the conversion; none where the system configuration it builds on is
    missing (not a Debian-like fontconfig), so LibreOffice keeps its own defaults there."""
    if not SYSTEM_FONTS_CONF.exists():
        return {}
    return {"FONTCONFIG_FILE": str(FONTS_CONF)}
