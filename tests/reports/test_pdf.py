"""The PDF: the .docx converted by LibreOffice, looked at page by page (pdfplumber, pdftoppm).

Needs soffice and pdftoppm (scripts/install-system-deps.sh); skipped without them locally,
failed under CI=true.
"""

import io
import math
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from fazhi.reports import pdf as pdf_module
from fazhi.reports.document import Block, Part
from fazhi.reports.docx import render_docx
from fazhi.reports.pdf import PdfUnavailable, docx_to_pdf, pdf_available, render_pdf
from tests.conftest import require
from tests.reports.sample_documents import realistic_document, tiny_document

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
A4 = (595.3, 841.9)  # points


def _needs_tools():
    require(pdf_available(), "LibreOffice (soffice) is not installed")
    require(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")


def _closed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _expected_pages(document) -> int:
    """Pages at 22 lines of 28 characters (half-width characters count half)."""

    def lines(text, indent):
        width = indent + sum(0.5 if ord(c) < 0x2E80 else 1 for c in text)
        return max(1, math.ceil(width / 28))

    total = (
        2 + (1 if document.recipient else 0) + 3
    )  # title, blank, recipient; blank, signature, date
    for part in document.parts:
        total += lines(part.heading, 2)
        total += sum(lines(block.text, 2) for block in part.blocks)
    return math.ceil(total / 22)


@pytest.fixture(scope="module")
def realistic_pdf():
    if not pdf_available():
        return None
    return render_pdf(realistic_document())


def _save_pngs(data: bytes, stem: str) -> list[Path]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{stem}.pdf"
    source.write_bytes(data)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", str(source), str(ARTIFACTS / stem)],
        check=True,
        timeout=120,
    )
    return sorted(ARTIFACTS.glob(f"{stem}-*.png"))


def test_realistic_report_pages(realistic_pdf):
    _needs_tools()
    document = realistic_document()
    with pdfplumber.open(io.BytesIO(realistic_pdf)) as pdf:
        pages = pdf.pages
        assert 2 <= len(pages) <= 12
        assert abs(len(pages) - _expected_pages(document)) <= 1, (
            len(pages),
            _expected_pages(document),
        )
        for page in pages:
            assert (round(page.width, 1), round(page.height, 1)) == A4
        text = _closed("".join(page.extract_text() or "" for page in pages))
    assert _closed(document.title) in text
    for part in document.parts:
        assert _closed(part.heading) in text, part.heading
    assert _closed("甲镇人民政府2025年2月20日") in text
    pngs = _save_pngs(realistic_pdf, "realistic")
    assert len(pngs) == len(pages)
    assert all(png.stat().st_size > 10_000 for png in pngs)  # not blank pages


def _number_words(page):
    """Words of the page-number line: the text below the 225 mm text block."""
    bottom = 37 / 25.4 * 72 + 225 / 25.4 * 72
    return [w for w in page.extract_words() if w["top"] > bottom]


def test_page_numbers_on_the_outer_side(realistic_pdf):
    _needs_tools()
    with pdfplumber.open(io.BytesIO(realistic_pdf)) as pdf:
        for number, page in enumerate(pdf.pages[:3], 1):
            words = _number_words(page)
            assert _closed("".join(w["text"] for w in words)) == f"—{number}—"
            left, right = min(w["x0"] for w in words), max(w["x1"] for w in words)
            if number % 2:  # odd: right, one character (14 pt) in from the 26 mm margin
                assert abs(page.width - 26 / 25.4 * 72 - 14 - right) < 4
            else:  # even: left, one character in from the 28 mm margin
                assert abs(left - 28 / 25.4 * 72 - 14) < 4


def test_full_page_has_22_lines_of_at_most_28_characters(realistic_pdf):
    _needs_tools()
    with pdfplumber.open(io.BytesIO(realistic_pdf)) as pdf:
        page = pdf.pages[1]
        body = [c for c in page.chars if abs(c["size"] - 16) < 0.6 and c["text"].strip()]
        lines: dict[int, list] = {}
        for char in body:
            lines.setdefault(round(char["top"]), []).append(char)
    assert len(lines) == 22
    left_margin = 28 / 25.4 * 72

    def width(line):  # in 字, half-width characters half, a first-line indent 2
        indent = 2 if min(c["x0"] for c in line) > left_margin + 16 else 0
        return indent + sum(0.5 if ord(c["text"]) < 0x2E80 else 1 for c in line)

    assert max(width(line) for line in lines.values()) <= 28
    # Lines of full-width characters only that run to the right margin hold exactly 28 字.
    right_edge = page.width - 26 / 25.4 * 72
    full = [
        line
        for line in lines.values()
        if max(c["x1"] for c in line) > right_edge - 8
        and all(ord(c["text"]) >= 0x2E80 for c in line)
    ]
    assert len(full) >= 4
    assert {width(line) for line in full} == {28}


def test_tiny_report_is_one_page():
    _needs_tools()
    data = render_pdf(tiny_document())
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        text = _closed(pdf.pages[0].extract_text())
    assert "五、其他需要报告的情况" in text
    assert text.endswith("—1—")
    _save_pngs(data, "tiny")


def test_unavailable_without_libreoffice(monkeypatch):
    monkeypatch.delenv("FAZHI_SOFFICE", raising=False)
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    assert not pdf_available()
    with pytest.raises(PdfUnavailable, match="未安装 LibreOffice"):
        render_pdf(tiny_document())


def test_failed_conversion_is_reported_in_chinese(monkeypatch):
    false = shutil.which("false")
    monkeypatch.setenv("FAZHI_SOFFICE", false)
    with pytest.raises(PdfUnavailable, match="未能生成 PDF"):
        render_pdf(tiny_document())


# --- fonts, spacing, signature (issue 18) -------------------------------------------------------


def _raw_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_no_space_between_chinese_and_digits(realistic_pdf):
    _needs_tools()
    text = _raw_text(realistic_pdf)
    # LibreOffice's automatic Asian/Western spacing would read back as "2024 年", "4 次".
    assert "甲镇2024年度" in text
    assert "4次" in text and "12000份" in text
    spaced = re.findall(r"\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d", text)
    assert not spaced, spaced[:5]


def _needs_fonts():
    fc_list = shutil.which("fc-list")
    require(fc_list is not None, "fontconfig (fc-list) is not installed")
    patterns = ("Noto Serif CJK SC:style=Light", "Noto Sans CJK SC:style=Medium", "LXGW WenKai")
    for pattern in patterns:
        found = subprocess.run(
            [fc_list, pattern, "family"], capture_output=True, timeout=30, check=False
        ).stdout.strip()
        require(bool(found), f"font {pattern} is not installed (scripts/install-system-deps.sh)")


def _font_names(data: bytes) -> set[str]:
    """The embedded fonts' names without the subset prefix ("BAAAAA+")."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def test_fonts_are_the_mapped_open_fonts(realistic_pdf):
    """仿宋 → Noto Serif CJK SC Light, 黑体 → Noto Sans CJK SC Medium, 楷体 → LXGW WenKai,
    小标宋 → Noto Serif CJK SC Bold (fonts/fonts.conf). Noto CJK keeps every language in one
    font, whose embedded name reads "jp" whatever the face: the forms drawn are checked by
    test_text_is_drawn_in_simplified_chinese_forms."""
    _needs_tools()
    _needs_fonts()
    names = _font_names(realistic_pdf)

    def has(*parts):
        return any(all(part in name for part in parts) for name in names)

    assert has("NotoSerifCJK", "Light"), names  # 仿宋: the text
    assert has("NotoSansCJK", "Medium"), names  # 黑体: 一、 headings
    assert has("LXGWWenKai"), names  # 楷体: （一） headings
    assert has("NotoSerifCJK", "Bold"), names  # 小标宋: the title
    assert not any("DejaVu" in name or "Liberation" in name for name in names), names


def _boundary_document(organisation_name: str = "甲镇"):
    """Text that ends on the last line of page 1: the signature and date alone would follow."""
    base = tiny_document(organisation_name=organisation_name)
    first = base.parts[0]
    filler = tuple(Block((f"第{n}项工作按计划推进完成。",)) for n in range(1, 9))
    return tiny_document(
        organisation_name=organisation_name,
        parts=(Part(first.key, first.heading, first.blocks + filler), *base.parts[1:]),
    )


def _without_keeps(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename in ("word/document.xml", "word/styles.xml"):
                body = body.replace(b"<w:keepNext/>", b"")
            target.writestr(item, body)
    return out.getvalue()


def _pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [_closed(page.extract_text() or "") for page in pdf.pages]


def test_signature_never_alone_on_the_last_page():
    _needs_tools()
    document = _boundary_document()
    signature = "甲镇人民政府2025年1月5日"
    # The scenario: without keep-with-next, the last page holds the signature and nothing else.
    loose = _pages(docx_to_pdf(_without_keeps(render_docx(document))))
    assert len(loose) == 2 and loose[1] == f"{signature}—2—", loose
    pages = _pages(render_pdf(document))
    _save_pngs(render_pdf(document), "boundary")
    assert len(pages) == 2
    assert signature not in pages[0]
    last = pages[1]
    assert last.endswith(f"{signature}—2—")
    body = last.removesuffix(f"{signature}—2—")
    assert "无。" in body and "五、其他需要报告的情况" in body, last


def test_signed_by_the_township_government_in_the_pdf():
    _needs_tools()
    text = _closed(_raw_text(render_pdf(tiny_document(organisation_name="青山镇"))))
    assert "青山镇人民政府2025年1月5日" in text
    assert text.startswith("甲镇2024年度")  # the title keeps the place name


# Characters whose Japanese and Simplified Chinese forms differ in Noto CJK.
DIFFERING = "直骨"


def _ink(image, size: int = 64):
    """The glyph's ink, cropped to its bounding box and scaled to size × size."""
    from PIL import ImageOps

    grey = ImageOps.invert(image.convert("L"))
    box = grey.point(lambda v: 255 if v > 96 else 0).getbbox()
    return grey.crop(box).resize((size, size))


def _difference(a, b) -> float:
    from PIL import ImageChops, ImageStat

    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def _faces(pattern: str) -> tuple[str, dict[str, int]]:
    """The font file fonts.conf gives for a pattern, and its faces by family name."""
    from PIL import ImageFont

    completed = subprocess.run(
        ["fc-match", "--format", "%{file}", pattern],
        capture_output=True,
        timeout=30,
        check=True,
        env={**pdf_module.os.environ, **pdf_module.font_environment()},
    )
    path = completed.stdout.decode("utf-8")
    faces = {}
    for index in range(8):
        try:
            faces[ImageFont.truetype(path, 20, index=index).getname()[0]] = index
        except OSError:
            break
    return path, faces


def test_text_is_drawn_in_simplified_chinese_forms():
    """The body glyphs in the PDF look like Noto's SC face, not its JP face. Noto CJK picks its
    forms by the text's language as well as by face: with the .docx's East Asian language set to
    ja-JP this fails even through the SC face."""
    _needs_tools()
    _needs_fonts()
    import pypdfium2
    from PIL import Image, ImageDraw, ImageFont

    first = tiny_document().parts[0]
    text = Block((f"{DIFFERING}。",))
    data = render_pdf(
        tiny_document(parts=(Part(first.key, first.heading, (text,)), *tiny_document().parts[1:]))
    )
    path, faces = _faces("仿宋_GB2312:weight=80")
    assert {"Noto Serif CJK SC", "Noto Serif CJK JP"} <= set(faces), faces
    scale = 8
    page = pypdfium2.PdfDocument(data)[0]
    picture = page.render(scale=scale).to_pil()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] in DIFFERING]
    assert {c["text"] for c in chars} == set(DIFFERING)
    for char in chars:
        box = [round(v * scale) for v in (char["x0"], char["top"], char["x1"], char["bottom"])]
        drawn = _ink(picture.crop(box))
        scores = {}
        for family in ("Noto Serif CJK SC", "Noto Serif CJK JP"):
            font = ImageFont.truetype(path, 128, index=faces[family])
            reference = Image.new("L", (200, 200), 255)
            ImageDraw.Draw(reference).text((20, 20), char["text"], font=font, fill=0)
            scores[family] = _difference(drawn, _ink(reference))
        assert scores["Noto Serif CJK SC"] < scores["Noto Serif CJK JP"], (char["text"], scores)
