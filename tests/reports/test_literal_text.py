"""Issue 16, acceptance 6: text copied from the ledgers into a report is data. A 会议记录 titled
`会议{{7*7}}` (or holding anything that looks like a reference or markup) shows literally on the
report page and in the .docx, the PDF and the working paper, and never breaks them."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from fazhi.governance.models import Meeting
from fazhi.reports import services
from fazhi.reports.composing import segments
from fazhi.reports.models import PartText
from fazhi.reports.references import FigureValues, literal, parse, tokens
from tests.reports.helpers import YEAR, meeting
from tests.reports.test_views import TODAY, _login, _url

TRICKY = [
    "会议{{7*7}}",
    "学习{publicity.materials}",
    "}{",
    "{% if x %}{{ y }}{% endif %}",
    '<script>alert("x")</script>',
    "{",
]


def _text(text: str) -> str:
    pieces = segments(text, FigureValues({}, frozen=False), YEAR, "000")
    return "".join(p if isinstance(p, str) else p.text for p in pieces)


@pytest.mark.parametrize("text", TRICKY)
def test_literal_text_reads_back_as_itself_and_holds_no_reference(text):
    assert parse(literal(text)) == []
    assert _text(literal(text)) == text


def test_doubled_braces_are_literal_and_a_lone_brace_is_still_refused():
    pieces = tokens("甲{{乙}}丙{publicity.materials}")
    assert pieces[:2] == ["甲", "{"] and [p for p in pieces if not isinstance(p, str)]
    with pytest.raises(ValidationError) as refused:
        parse("全年{发放资料")
    assert "花括号本身请写成 {{ 或 }}" in str(refused.value)


@pytest.mark.django_db
def test_a_meeting_titled_like_a_template_shows_literally_everywhere(client, world):
    a1 = world.orgs["A1"]
    title = "会议{{7*7}}<b>加粗</b>"
    meeting(a1, title=title, position=Meeting.Position.SECRETARY)
    services.report_create(actor=None, organisation=a1, year=YEAR, today=TODAY)
    _login(client, world, "clerk")

    page = client.get(_url("township", a1, year=YEAR))
    assert page.status_code == 200
    html = page.content.decode()
    assert "会议{{7*7}}&lt;b&gt;加粗&lt;/b&gt;" in html and "会议49" not in html

    docx = client.get(_url("docx", a1, year=YEAR))
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "会议{{7*7}}&lt;b&gt;加粗&lt;/b&gt;" in body

    workpaper = client.get(_url("workpaper", a1, year=YEAR))
    assert workpaper.status_code == 200 and workpaper.content[:2] == b"PK"

    # In the editor the title stands with doubled braces; saved back as it is, it stays literal.
    url = _url("edit", a1, year=YEAR, v=1, part="first_responsible")
    editor = client.get(url).content.decode()
    assert "会议{{{{7*7}}}}" in editor
    text = PartText.objects.get(key="first_responsible").text
    data = {"form": "part", "part": "first_responsible", "year": YEAR, "v": 1, "text": text}
    assert client.post(url, data).status_code == 302
    html = client.get(_url("township", a1, year=YEAR)).content.decode()
    assert "会议{{7*7}}" in html


@pytest.mark.django_db
def test_the_pdf_of_such_a_report_renders(client, world):
    from fazhi.reports.pdf import pdf_available
    from tests.conftest import require

    require(pdf_available(), "LibreOffice (soffice) is not installed")
    a1 = world.orgs["A1"]
    meeting(a1, title="会议{{7*7}}", position=Meeting.Position.SECRETARY)
    services.report_create(actor=None, organisation=a1, year=YEAR, today=TODAY)
    _login(client, world, "clerk")
    response = client.get(_url("pdf", a1, year=YEAR))
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    import pdfplumber

    with pdfplumber.open(io.BytesIO(response.content)) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert "会议{{7*7}}" in text.replace(" ", "").replace("\n", "")
