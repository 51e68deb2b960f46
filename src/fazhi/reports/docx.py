"""The annual report as a Word document in the official document format.

Every layout rule here is GB/T 9704—2012《党政机关公文格式》 as REGULATIONS.md §10 summarises it
(R37—R40): A4; margins 37 mm top, 28 mm left, and the derived 35 mm bottom / 26 mm right; 22
lines of 28 characters; title in 2号 小标宋, centred; text in 3号 仿宋; headings "一、" 黑体,
"（一）" 楷体, "1." 仿宋 (bold here, common practice, so it stands out from the text); page
numbers in 4号 半角宋体 between two 4号 一字线, odd pages right and even pages left, one
character in from the edge (not centred: the standard puts them on the outer side); the date
right four characters in and the issuing organisation centred above it.

The standard fonts are named (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体); a machine
without them substitutes its own (the PDF conversion maps them to open Simplified Chinese fonts,
fonts/fonts.conf). East Asian fonts only take effect through the `w:eastAsia` attribute of
`w:rFonts`, which python-docx does not set, so every font is written through the XML here. The
East Asian language is zh-CN throughout (the template's theme said ja-JP), and the automatic
space between Chinese and digits is off ("2025年", not "2025 年").
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from fazhi.reports.document import Block, ReportDocument, chinese_date

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_1_FONT = "黑体"
HEADING_2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

# Chinese font sizes (号) in points.
SIZE_2 = Pt(22)
SIZE_3 = Pt(16)
SIZE_4 = Pt(14)
CHAR = 16  # one 字 of the 3号 text, in points

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM = Mm(37), Mm(35)
MARGIN_LEFT, MARGIN_RIGHT = Mm(28), Mm(26)
# 225 mm of text height / 22 lines ≈ 28.99 pt; 579 twips (28.95 pt) is the largest whole-twip
# pitch that keeps 22 lines on the page, the value common 公文 templates use.
LINE_PITCH_TWIPS = 579
LINE_SPACING = Twips(LINE_PITCH_TWIPS)
CONDENSE_TWENTIETHS = -5  # -0.25 pt a character: 28 × 15.75 pt = 441 pt ≤ 442.2 pt (156 mm)
# "一字线距版心下边缘7 mm" is not confirmed (REGULATIONS.md §10); placing the footer's bottom
# 21 mm above the paper edge puts its 4号 line about 7 mm below the text block.
FOOTER_DISTANCE = Mm(21)
SIGNATURE_RIGHT_CHARS = 4  # 成文日期右空四字

STYLE_TITLE = "Title"
STYLE_HEADINGS = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
STYLE_SIGNATURE = "Signature"
STYLE_DATE = "Date"
STYLE_RECIPIENT = "Salutation"
STYLE_FOOTER = "Footer"


def render_docx(document: ReportDocument) -> bytes:
    """The report as .docx bytes."""
    word = Document()
    _set_up_page(word)
    _set_up_styles(word)
    _set_core_properties(word, document)

    body = word.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):  # the template's empty paragraph
        body.remove(paragraph)

    for line in _title_lines(document.title):
        word.add_paragraph(line, style=STYLE_TITLE)
    word.add_paragraph("", style="Normal")  # 标题下空一行
    if document.recipient:
        word.add_paragraph(document.recipient, style=STYLE_RECIPIENT)
    for part in document.parts:
        word.add_paragraph(part.heading, style=STYLE_HEADINGS[1])
        for block in part.blocks:
            _add_block(word, block)

    # The signature and date never stand alone on a page: the last lines of text come along.
    if word.paragraphs:
        word.paragraphs[-1].paragraph_format.keep_with_next = True
    word.add_paragraph("", style="Normal").paragraph_format.keep_with_next = True  # 空一行
    date_text = chinese_date(document.signed_on)
    signature = word.add_paragraph(document.signature, style=STYLE_SIGNATURE)
    # The organisation name is centred over the date (REGULATIONS.md §10).
    offset = (_text_width(date_text) - _text_width(document.signature)) / 2
    signature.paragraph_format.right_indent = Pt(max(0, SIGNATURE_RIGHT_CHARS * CHAR + offset))
    word.add_paragraph(date_text, style=STYLE_DATE)

    _add_page_numbers(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _add_block(word, block: Block) -> None:
    style = STYLE_HEADINGS.get(block.level, "Normal")
    paragraph = word.add_paragraph(style=style)
    text = block.text
    if "\n" not in text:
        paragraph.add_run(text)
        return
    for position, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        if position:
            run.add_break(WD_BREAK.LINE)


def _text_width(text: str) -> float:
    """Width in points of 3号 text: half-width characters take half a 字."""
    return sum(CHAR / 2 if ord(c) < 0x2E80 else CHAR for c in text)


def _title_lines(title: str) -> list[str]:
    """The title, broken before "法治政府建设" when it would not fit one 2号 line (156 mm holds
    about 20 characters), so the lines keep to the 梯形 shape."""
    fits = _text_width(title) * 22 / CHAR <= 440
    marker = "法治政府建设"
    if fits or marker not in title or title.index(marker) == 0:
        return [title]
    cut = title.index(marker)
    return [title[:cut], title[cut:]]


# --- page -------------------------------------------------------------------------------------


def _set_up_page(word) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Mm(15)
    section.footer_distance = FOOTER_DISTANCE
    section.gutter = 0
    sect_pr = section._sectPr
    for grid in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(grid)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    sect_pr.append(grid)


def _add_page_numbers(word) -> None:
    """— 1 — in 4号 宋体: odd pages to the right, even pages to the left, one 字 in."""
    word.settings.odd_and_even_pages_header_footer = True
    section = word.sections[0]
    _page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_paragraph(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def _page_number_paragraph(footer, alignment) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = STYLE_FOOTER
    paragraph.alignment = alignment
    indent = Pt(14)  # one 4号 character
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    _dash_run(paragraph, "— ")
    run = paragraph.add_run()
    _field(run, "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run._r.append(instruction)
    _field(run, "separate")
    paragraph.add_run("1")  # shown until the field is updated
    _field(paragraph.add_run(), "end")
    _dash_run(paragraph, " —")


def _dash_run(paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    # The 一字线 is a full-width East Asian dash, not the narrow Latin em dash glyph.
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:hint"), "eastAsia")


def _field(run, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


# --- styles -----------------------------------------------------------------------------------


def _set_up_styles(word) -> None:
    styles = word.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default, BODY_FONT)
    _set_language(rpr_default)
    _set_theme_language(word)
    _no_auto_space(defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")))

    normal = styles["Normal"]
    _reset(normal)
    _style_fonts(normal, BODY_FONT, SIZE_3)
    _paragraph_layout(normal, first_line_chars=2)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = False  # 公文 fill every line of the page
    # 28 characters a line: 156 mm is 442.2 pt, and 28 × 16 pt would need 448, so each character
    # is condensed by 0.25 pt (what Word's character grid does in 公文 templates; LibreOffice
    # does not apply that grid the same way, so the spacing is set on the text instead).
    _condense(normal, CONDENSE_TWENTIETHS)
    # No extra space between Chinese and digits or Latin ("2025年", not "2025 年").
    _no_auto_space(normal.element.get_or_add_pPr())

    title = _paragraph_style(styles, STYLE_TITLE)
    _style_fonts(title, TITLE_FONT, SIZE_2)
    _paragraph_layout(title, first_line_chars=0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.keep_with_next = True

    fonts = {1: (HEADING_1_FONT, False), 2: (HEADING_2_FONT, False), 3: (BODY_FONT, True)}
    for level, name in STYLE_HEADINGS.items():
        style = _paragraph_style(styles, name)
        font, bold = fonts[level]
        _style_fonts(style, font, SIZE_3, bold=bold)
        _paragraph_layout(style, first_line_chars=2)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        style.paragraph_format.keep_with_next = True
        _outline_level(style, level - 1)

    recipient = _paragraph_style(styles, STYLE_RECIPIENT)  # 主送机关：居左顶格
    _style_fonts(recipient, BODY_FONT, SIZE_3)
    _paragraph_layout(recipient, first_line_chars=0)
    recipient.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    for name in (STYLE_SIGNATURE, STYLE_DATE):
        style = _paragraph_style(styles, name)
        _style_fonts(style, BODY_FONT, SIZE_3)
        _paragraph_layout(style, first_line_chars=0)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        style.paragraph_format.keep_with_next = name == STYLE_SIGNATURE
    styles[STYLE_DATE].paragraph_format.right_indent = Pt(SIGNATURE_RIGHT_CHARS * CHAR)

    footer = _paragraph_style(styles, STYLE_FOOTER)
    _style_fonts(footer, PAGE_NUMBER_FONT, SIZE_4)
    footer.paragraph_format.first_line_indent = Pt(0)
    footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    footer.paragraph_format.space_before = footer.paragraph_format.space_after = Pt(0)
    _no_grid(footer)


def _paragraph_style(styles, name: str):
    """The named paragraph style, emptied of the template's formatting and based on Normal."""
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    _reset(style)
    style.base_style = styles["Normal"]
    style.next_paragraph_style = styles["Normal"]
    style.hidden = False
    style.quick_style = True
    return style


def _reset(style) -> None:
    """Drop the default template's colours, theme fonts, borders and spacing from a style."""
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        for child in element.findall(qn(tag)):
            element.remove(child)


def _style_fonts(style, font: str, size, *, bold: bool = False) -> None:
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, font)
    rpr.get_or_add_color().set(qn("w:val"), "000000")  # 文字为黑色


def _condense(style, twentieths: int) -> None:
    """Character spacing (w:spacing of the run, in 1/20 pt), written after w:color as the
    schema orders them."""
    rpr = style.element.get_or_add_rPr()
    color = rpr.get_or_add_color()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    color.addnext(spacing)


def _set_fonts(rpr, font: str) -> None:
    """Name `font` for Latin, East Asian and complex-script text; theme fonts would win over
    named ones, so their attributes go."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)


def _set_language(rpr) -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)


def _set_theme_language(word) -> None:
    """The template says its East Asian theme language is ja-JP; a renderer that goes by it
    would draw Japanese glyph forms."""
    settings = word.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is None:
        return
    theme.set(qn("w:val"), "en-US")
    theme.set(qn("w:eastAsia"), "zh-CN")


def _no_auto_space(ppr) -> None:
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
        element = OxmlElement(tag)
        element.set(qn("w:val"), "0")
        ppr.append(element)
    _sort_ppr(ppr)


def _paragraph_layout(style, *, first_line_chars: int) -> None:
    """Fixed line spacing at the grid pitch, no space around paragraphs, first-line indent in
    字 (both in points and in Word's character units, so Word keeps it at 2 字 if the size
    changes)."""
    layout = style.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = LINE_SPACING
    layout.space_before = layout.space_after = Pt(0)
    layout.first_line_indent = Pt(first_line_chars * CHAR)
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))


def _outline_level(style, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    ppr.append(outline)
    _sort_ppr(ppr)


def _no_grid(style) -> None:
    ppr = style.element.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.append(snap)
    _sort_ppr(ppr)


# Schema order of the pPr children we write (CT_PPrBase); Word rejects out-of-order elements.
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def _sort_ppr(ppr) -> None:
    def position(child):
        name = child.tag.rsplit("}", 1)[-1]
        return PPR_ORDER.index(name) if name in PPR_ORDER else len(PPR_ORDER)

    children = sorted(ppr, key=position)
    for child in children:
        ppr.remove(child)
        ppr.append(child)


def _set_core_properties(word, document: ReportDocument) -> None:
    properties = word.core_properties
    properties.title = document.title
    properties.author = document.organisation_name
    properties.language = "zh-CN"
    properties.subject = f"{document.year}年度法治政府建设情况报告"
    properties.revision = document.version
    properties.comments = ""
    properties.keywords = "法治政府建设"
