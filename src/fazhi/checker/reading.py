"""Turn the bytes of a .txt/.md/.docx/.pdf file into text, within fixed bounds.

Every failure becomes a CheckerInputError with a Chinese message; nothing else escapes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from fazhi.checker.errors import CheckerInputError
from fazhi.checker.limits import DEFAULT_LIMITS, FileLimits, check_size, check_zip, is_zip

MAX_TEXT_CHARS = 600_000  # about 200 pages of Chinese text
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024  # bound on the unzipped document.xml (zip bombs)
PAGE_BREAK = "\f"
CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])  # not tab, newlines, form feed
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}


def decode_text(data: bytes) -> str:
    """Decode text bytes, detecting UTF-8 (with or without BOM), UTF-16 and GB18030/GBK."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312, the encodings of most government PCs.
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise CheckerInputError("无法识别文件的文字编码，可能不是文本文件")
    return data.decode(best.encoding, errors="replace")


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > len(sample) * 0.05


def _check_text_content(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_TEXT_CHARS:
        raise CheckerInputError(
            f"文本过长（{len(text)} 字），超过 {MAX_TEXT_CHARS} 字的上限，不像一份年度报告"
        )
    replacement_share = text.count("\ufffd") / max(len(text), 1)
    if replacement_share > 0.05:
        raise CheckerInputError("文件中有大量无法解码的字符，可能是二进制文件或编码损坏")
    if not text.strip():
        raise CheckerInputError("文件没有文字内容")
    return text


def read_plain(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _check_text_content(decode_text(data))  # UTF-16 text is full of NUL bytes
    if _looks_binary(data):
        raise CheckerInputError("文件内容是二进制数据，不是文本、Word 或 PDF 报告")
    return _check_text_content(decode_text(data))


def _heading_mark(paragraph) -> str:
    # Word heading styles ("Heading 1", "标题 1", "Title") become markdown marks, so a heading
    # whose numbering Word generates (and python-docx does not return) is still a heading.
    try:
        name = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        return ""
    if name.startswith(("Heading", "标题")) or name == "Title":
        return "# "
    return ""


def read_docx(data: bytes) -> str:
    """Paragraphs and table cells of a .docx, in document order, one paragraph a line."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        member = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise CheckerInputError("Word 文件已损坏或不是 .docx 格式，无法打开") from error
    if member.file_size > MAX_DOCX_XML_BYTES:
        raise CheckerInputError("Word 文件正文过大，无法审查")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                paragraph = Paragraph(block, document)
                lines.append(_heading_mark(paragraph) + paragraph.text)
            elif tag == "tbl":
                for row in Table(block, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        if not cells or cell.text != cells[-1]:  # merged cells repeat
                            cells.append(cell.text.replace("\n", " "))
                    lines.append(" | ".join(cells))
    except CheckerInputError:
        raise
    except Exception as error:  # python-docx raises many kinds on damaged XML
        raise CheckerInputError("Word 文件已损坏，无法读取其中的文字") from error
    return _check_text_content("\n".join(lines))


PDF_PAGE_NUMBER = re.compile(
    r"^\s*(?:[—－\-–]\s*\d{1,3}\s*[—－\-–]|\d{1,3}|第\s*\d{1,3}\s*页.*)\s*$"
)


def _without_page_numbers(page: str) -> str:
    # A PDF's footer page numbers are layout, not text (in a .txt they are conversion debris).
    return "\n".join(line for line in page.split("\n") if not PDF_PAGE_NUMBER.match(line))


SPACED_HAN = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
SINGLE_SPACE = re.compile(r"(?<=\S) (?=\S)")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _unspaced(text: str) -> str:
    # Some PDF writers place every character on its own, and text extraction then puts a space
    # between Chinese characters; when that is the rule rather than the exception, drop them.
    spaced = len(SPACED_HAN.findall(text))
    if spaced > 20 and spaced > 0.3 * len(HAN.findall(text)):
        return SINGLE_SPACE.sub("", text)
    return text


def read_pdf(data: bytes, max_pages: int = DEFAULT_LIMITS.max_pdf_pages) -> str:
    """Text layer of a PDF, pages separated by a form feed line."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise CheckerInputError("PDF 文件已加密，需要密码才能读取，请提供未加密的版本")
        page_count = len(reader.pages)
        if page_count > max_pages:
            raise CheckerInputError(f"PDF 共 {page_count} 页，超过 {max_pages} 页的上限")
        pages = [_without_page_numbers(page.extract_text() or "") for page in reader.pages]
    except CheckerInputError:
        raise
    except Exception as error:  # pypdf raises many kinds on damaged files
        raise CheckerInputError("PDF 文件已损坏，无法读取") from error
    if not "".join(pages).strip():
        raise CheckerInputError("PDF 没有文字层（可能是扫描件或图片），请先做文字识别（OCR）再审查")
    return _check_text_content(_unspaced(f"\n{PAGE_BREAK}\n".join(pages)))


def read_bytes(data: bytes, filename: str, limits: FileLimits | None = None) -> str:
    """Text of a report file given as bytes; the kind is judged by content first, then name.
    Files beyond `limits` (default: DEFAULT_LIMITS) are refused before any parsing."""
    limits = limits or DEFAULT_LIMITS
    if not isinstance(data, bytes | bytearray):
        raise CheckerInputError("输入必须是文件的字节内容")
    if len(data) == 0:
        raise CheckerInputError("文件是空的")
    check_size(len(data), limits)
    data = bytes(data)
    suffix = Path(filename or "").suffix.lower()
    if data.startswith(b"%PDF"):
        return read_pdf(data, limits.max_pdf_pages)
    if is_zip(data):
        check_zip(data, limits)
        return read_docx(data)
    if suffix == ".pdf":
        raise CheckerInputError("文件扩展名是 .pdf，但内容不是 PDF，文件可能已损坏")
    if suffix == ".docx":
        raise CheckerInputError("Word 文件已损坏或不是 .docx 格式，无法打开")
    if suffix == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise CheckerInputError("不支持旧版 Word（.doc）文件，请另存为 .docx 后再审查")
    return read_plain(data)


def read_path(path: str | Path, limits: FileLimits | None = None) -> str:
    """Text of a report file on disk; its size is judged before a byte of it is read."""
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    try:
        size = path.stat().st_size
        check_size(size, limits)
        with path.open("rb") as handle:
            # Bounded by the size just seen: a file growing meanwhile, or a device or pipe
            # (size 0), yields no more than that.
            data = handle.read(size + 1)
    except CheckerInputError:
        raise
    except FileNotFoundError as error:
        raise CheckerInputError("文件不存在") from error
    except IsADirectoryError as error:
        raise CheckerInputError("这是一个文件夹，不是文件") from error
    except OSError as error:
        raise CheckerInputError(f"无法读取文件（{error.strerror or error}）") from error
    return read_bytes(data, path.name, limits)
