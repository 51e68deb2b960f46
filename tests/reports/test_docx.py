"""The .docx read back with python-docx: the GB/T 9704—2012 layout of REGULATIONS.md §10."""

import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.reports.document import chinese_date
from fazhi.reports.docx import render_docx
from tests.reports.sample_documents import realistic_document, tiny_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def report():
    return realistic_document()


@pytest.fixture(scope="module")
def word(report):
    return docx.Document(io.BytesIO(render_docx(report)))


def _texts(word):
    return [p.text for p in word.paragraphs]


def _paragraph(word, text):
    matches = [p for p in word.paragraphs if p.text == text]
    assert matches, f"no paragraph {text!r}"
    return matches[0]


def _rpr_chain(paragraph, word):
    """rPr elements from the most to the least specific: runs, style chain, document defaults."""
    chain = [run._r.rPr for run in paragraph.runs if run._r.rPr is not None]
    style = paragraph.style
    while style is not None:
        if style.element.rPr is not None:
            chain.append(style.element.rPr)
        style = style.base_style
    chain.append(word.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
    return chain


def _font(paragraph, word, attribute):
    for rpr in _rpr_chain(paragraph, word):
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None and fonts.get(qn(f"w:{attribute}")):
            return fonts.get(qn(f"w:{attribute}"))
    return None


def _size(paragraph):
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size
        style = style.base_style
    return None


def _bold(paragraph):
    if any(run.bold for run in paragraph.runs):
        return True
    style = paragraph.style
    while style is not None:
        if style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return False


def _format(paragraph, name):
    """A paragraph format property, direct or inherited from the style chain."""
    value = getattr(paragraph.paragraph_format, name)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, name)
        style = style.base_style
    return value


def _assert_fonts(paragraph, word, east_asian, latin=None):
    assert _font(paragraph, word, "eastAsia") == east_asian, paragraph.text
    assert _font(paragraph, word, "ascii") == (latin or east_asian), paragraph.text
    assert _font(paragraph, word, "hAnsi") == (latin or east_asian), paragraph.text


TOLERANCE = Mm(0.2)


def _near(length, expected, tolerance=TOLERANCE):
    return abs(int(length) - int(expected)) <= int(tolerance)


def test_a4_page_with_the_standard_margins(word):
    (section,) = word.sections
    assert _near(section.page_width, Mm(210)) and _near(section.page_height, Mm(297))
    assert _near(section.top_margin, Mm(37))
    assert _near(section.bottom_margin, Mm(35))
    assert _near(section.left_margin, Mm(28))
    assert _near(section.right_margin, Mm(26))
    # The text block is 156 mm × 225 mm.
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    assert _near(width, Mm(156)) and _near(height, Mm(225))


def test_text_in_document_order(word, report):
    expected = [line for line in report.plain_text().splitlines() if line]
    assert [t for t in _texts(word) if t] == expected


def test_title_is_2hao_xiaobiaosong_centred(word, report):
    title = word.paragraphs[0]
    assert title.text == report.title
    _assert_fonts(title, word, "方正小标宋简体")
    assert _size(title) == Pt(22)
    assert _format(title, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert word.paragraphs[1].text == ""  # 标题下空一行


def test_recipient_flush_left_after_the_title(word, report):
    recipient = word.paragraphs[2]
    assert recipient.text == report.recipient
    assert _format(recipient, "alignment") == WD_ALIGN_PARAGRAPH.LEFT
    assert not _format(recipient, "first_line_indent")
    _assert_fonts(recipient, word, "仿宋_GB2312")


def test_no_recipient_line_when_there_is_none():
    word = docx.Document(io.BytesIO(render_docx(tiny_document())))
    texts = _texts(word)
    assert texts[:3] == [tiny_document().title, "", "一、上一年度推进法治政府建设的主要举措和成效"]


def test_part_headings_heiti_3hao(word, report):
    for part in report.parts:
        heading = _paragraph(word, part.heading)
        _assert_fonts(heading, word, "黑体")
        assert _size(heading) == Pt(16)
        assert not _bold(heading)
        assert _format(heading, "first_line_indent") == Pt(32)
        assert heading.style.name == "Heading 1"  # the outline and the report checker see it
        outline = heading.style.element.pPr.find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == "0"


def test_second_and_third_level_headings(word, report):
    blocks = [b for part in report.parts for b in part.blocks]
    second = [b.text for b in blocks if b.level == 2]
    third = [b.text for b in blocks if b.level == 3]
    assert second and third
    for text in second:
        paragraph = _paragraph(word, text)
        _assert_fonts(paragraph, word, "楷体_GB2312")
        assert _size(paragraph) == Pt(16)
        assert not _bold(paragraph)
    for text in third:
        paragraph = _paragraph(word, text)
        _assert_fonts(paragraph, word, "仿宋_GB2312")
        assert _size(paragraph) == Pt(16)
        assert _bold(paragraph)


def test_body_fangsong_3hao_indented_two_characters(word, report):
    body = [b.text for part in report.parts for b in part.blocks if b.level == 0]
    assert len(body) > 10
    for text in body:
        paragraph = _paragraph(word, text)
        _assert_fonts(paragraph, word, "仿宋_GB2312")
        assert _size(paragraph) == Pt(16)
        assert not _bold(paragraph)
        assert _format(paragraph, "first_line_indent") == Pt(32)  # 2 × 16 pt
        assert _format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        ind = paragraph.style.element.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:firstLineChars")) == "200"


def test_every_text_font_is_named_for_east_asian_text(word):
    # Without w:eastAsia, Word draws Chinese in its default East Asian font whatever the name.
    for paragraph in word.paragraphs:
        if paragraph.text:
            assert _font(paragraph, word, "eastAsia") in {
                "方正小标宋简体",
                "仿宋_GB2312",
                "黑体",
                "楷体_GB2312",
            }
    defaults = word.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert defaults.get(qn("w:eastAsiaTheme")) is None  # a theme font would override the name


def test_fixed_line_spacing_gives_22_lines(word):
    (section,) = word.sections
    height = section.page_height - section.top_margin - section.bottom_margin
    for paragraph in word.paragraphs:
        assert _format(paragraph, "line_spacing_rule") == WD_LINE_SPACING.EXACTLY
        spacing = _format(paragraph, "line_spacing")
        assert Pt(28) <= spacing <= Pt(29.5)
        assert int(height // spacing) == 22
        assert not _format(paragraph, "space_before") and not _format(paragraph, "space_after")


def test_28_characters_fit_a_line(word):
    (section,) = word.sections
    width = (section.page_width - section.left_margin - section.right_margin) / 12700  # pt
    spacing = word.styles["Normal"].element.rPr.find(qn("w:spacing"))
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    assert int(width // pitch) == 28


def _footer_check(footer, alignment):
    (paragraph,) = footer.paragraphs
    xml = paragraph._p
    kinds = [c.get(qn("w:fldCharType")) for c in xml.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    instructions = [t.text.strip() for t in xml.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    text = paragraph.text
    assert text.startswith("— ") and text.endswith(" —")
    assert text == "— 1 —"  # the field's placeholder result between the two 一字线
    assert paragraph.alignment == alignment
    assert paragraph.style.name == "Footer"
    assert _size(paragraph) == Pt(14)  # 4号
    east_asian = paragraph.style.element.rPr.find(qn("w:rFonts"))
    assert east_asian.get(qn("w:eastAsia")) == "宋体" and east_asian.get(qn("w:ascii")) == "宋体"
    return paragraph


def test_page_number_field_between_dashes(word):
    (section,) = word.sections
    # Odd pages: right, one 字 in; even pages: left, one 字 in (REGULATIONS.md §10).
    odd = _footer_check(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    assert odd.paragraph_format.right_indent == Pt(14)
    even = _footer_check(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    assert even.paragraph_format.left_indent == Pt(14)
    assert word.settings.odd_and_even_pages_header_footer


def _width(text):
    return sum(8 if ord(c) < 0x2E80 else 16 for c in text)


def test_signature_and_date_right_aligned(word, report):
    texts = _texts(word)
    assert texts[-3:] == ["", report.signature, chinese_date(report.signed_on)]
    signature, date_line = word.paragraphs[-2], word.paragraphs[-1]
    assert date_line.text == "2025年2月20日"
    for paragraph in (signature, date_line):
        assert _format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.RIGHT
        assert not _format(paragraph, "first_line_indent")
        _assert_fonts(paragraph, word, "仿宋_GB2312")
    # 成文日期右空四字; the organisation centred over the date.
    assert _format(date_line, "right_indent") == Pt(64)
    signature_centre = _format(signature, "right_indent").pt + _width(signature.text) / 2
    date_centre = 64 + _width(date_line.text) / 2
    assert abs(signature_centre - date_centre) < 0.5
    # The signature never stands alone on a page.
    assert word.paragraphs[-4].paragraph_format.keep_with_next
    assert signature.style.paragraph_format.keep_with_next


def test_long_organisation_name_not_pushed_past_the_margin():
    word = docx.Document(
        io.BytesIO(render_docx(tiny_document(organisation_name="甲县甲镇人民政府办公室法治办")))
    )
    assert word.paragraphs[-2].paragraph_format.right_indent >= 0


def test_report_checker_reads_the_five_parts(report):
    from fazhi.checker import check_bytes

    result = check_bytes(render_docx(report), "report.docx")
    statuses = {key: part["status"] for key, part in result["parts"].items()}
    assert statuses == dict.fromkeys(
        ("measures", "shortcomings", "first_responsible", "plans", "other"), "present"
    )
    assert [f["code"] for f in result["findings"] if f["severity"] == "error"] == []


def test_signed_by_the_township_government():
    word = docx.Document(io.BytesIO(render_docx(tiny_document(organisation_name="青山镇"))))
    assert _texts(word)[-2:] == ["青山镇人民政府", "2025年1月5日"]
    street = docx.Document(io.BytesIO(render_docx(tiny_document(organisation_name="新城街道"))))
    assert _texts(street)[-2] == "新城街道办事处"


def test_east_asian_language_is_simplified_chinese(word):
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    lang = defaults.find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    # python-docx's template says ja-JP for the theme; a renderer going by it draws Japanese forms.
    theme = word.settings.element.find(qn("w:themeFontLang"))
    assert theme.get(qn("w:eastAsia")) == "zh-CN"
    with zipfile.ZipFile(io.BytesIO(render_docx(tiny_document()))) as package:
        for name in ("word/settings.xml", "word/styles.xml", "word/document.xml"):
            assert b"ja-JP" not in package.read(name), name


def test_named_fonts_per_role(word):
    def east_asian(style_name):
        fonts = word.styles[style_name].element.find(qn("w:rPr")).find(qn("w:rFonts"))
        return fonts.get(qn("w:eastAsia"))

    assert east_asian("Normal") == "仿宋_GB2312"
    assert east_asian("Title") == "方正小标宋简体"
    assert east_asian("Heading 1") == "黑体"
    assert east_asian("Heading 2") == "楷体_GB2312"
    assert east_asian("Footer") == "宋体"


def test_no_automatic_space_between_chinese_and_digits(word):
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    normal = word.styles["Normal"].element.find(qn("w:pPr"))
    for ppr in (defaults.find(qn("w:pPr")), normal):
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            assert ppr.find(qn(tag)).get(qn("w:val")) == "0", tag
