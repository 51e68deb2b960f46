import io
import json
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html
from openpyxl import load_workbook

from tests.checker.conftest import seeds_dir

MADE_UP = """关于2025年度法治政府建设情况的报告

一、2025年度推进法治政府建设的主要举措和成效
全年开展普法宣传活动40余次，发放宣传资料3000余份。

二、2025年度推进法治政府建设存在的不足和原因
基层法治力量不足。

三、下一年度推进法治政府建设的主要安排
加强学法用法。

甲镇人民政府
2026年3月10日
"""


def post(client, name, data):
    return client.post(reverse("review:check"), {"report": SimpleUploadedFile(name, data)})


def test_a_clerk_uploads_a_report_and_sees_parts_findings_and_facts(client, world):
    client.force_login(world.users["clerk"])
    response = post(client, "甲镇报告.txt", MADE_UP.encode("gb18030"))
    html = response.content.decode()
    result = response.context["result"]
    assert result["schema"] == "fazhi.check/1"
    assert result["parts"]["first_responsible"]["status"] == "missing"
    assert "missing_part" in {f["code"] for f in result["findings"]}
    assert "缺失" in html and "3000" in html
    assert any(f["value"] == 3000 and f["approx"] for f in result["facts"])


def test_the_page_gives_the_same_result_as_the_checker_for_a_sample_report(client, world):
    from fazhi.checker import check_file

    sample = seeds_dir() / "jincun_2021.txt"
    client.force_login(world.users["inspector"])
    response = post(client, sample.name, sample.read_bytes())
    assert response.context["result"] == check_file(sample)


def test_an_unreadable_file_gets_a_chinese_message(client, world):
    client.force_login(world.users["clerk"])
    response = post(client, "坏文件.docx", b"PK\x03\x04 not really a docx")
    assert response.status_code == 200
    assert response.context["form"].errors["report"]
    assert "result" not in response.context


def test_posting_without_a_file_asks_for_one(client, world):
    client.force_login(world.users["clerk"])
    response = client.post(reverse("review:check"), {})
    assert "请选择年度报告文件" in response.content.decode()


SCHOOL = MADE_UP.replace(
    "全年开展普法宣传活动40余次", "全年开展普法宣传活动40余次，进校园开展专题讲座2次"
)
CODE = re.compile(r"[a-z_]+\.[a-z_]+")


def _page_text(response) -> str:
    root = lxml_html.fromstring(response.content.decode())
    for hidden in root.xpath("//script|//style"):
        hidden.drop_tree()
    return root.text_content()


def test_the_result_names_indicators_in_chinese_and_shows_no_code_or_json(client, world):
    client.force_login(world.users["clerk"])
    response = post(client, "甲镇报告.txt", SCHOOL.encode("utf-8"))
    text = _page_text(response)
    assert not CODE.findall(text), CODE.findall(text)
    facts = response.context["facts"]
    school = next(f for f in facts if f["value"] == 2)
    assert school["indicator"] == "publicity.activities_in_schools"
    assert school["indicator_name"] == "法律进学校宣传" and school["indicator_name"] in text
    assert "普法宣传活动" in text and "指标单位：次" in text
    assert "schema" not in text and "fazhi.check" not in text  # no JSON box


def test_no_code_on_the_result_page_of_any_sample_report(client, world):
    client.force_login(world.users["inspector"])
    samples = sorted(seeds_dir().glob("*.txt"))
    assert samples
    for sample in samples:
        response = post(client, "样本报告.txt", sample.read_bytes())
        text = _page_text(response)
        assert not CODE.findall(text), (sample.name, CODE.findall(text))
        assert "对应指标" in text and response.context["facts"]


def test_the_downloads_give_this_sessions_result_and_nobody_elses(client, world):
    client.force_login(world.users["clerk"])
    response = post(client, "甲镇报告.txt", SCHOOL.encode("utf-8"))
    token = response.context["token"]
    html = response.content.decode()
    json_url = reverse("review:json", kwargs={"token": token})
    xlsx_url = reverse("review:workbook", kwargs={"token": token})
    assert json_url in html and xlsx_url in html
    download = client.get(json_url)
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert json.loads(download.content) == response.context["result"]
    download = client.get(xlsx_url)
    assert download.status_code == 200
    sheets = load_workbook(io.BytesIO(download.content), read_only=True)
    assert sheets.sheetnames[:3] == ["报告", "数据", "问题"]
    rows = list(sheets["数据"].iter_rows(values_only=True))
    assert any(row[7] == "法律进学校宣传" and row[3] == 2 for row in rows[1:])
    # Another person (another session) cannot fetch it, not even with the link.
    other = Client()
    other.force_login(world.users["inspector"])
    assert other.get(json_url).status_code == 404
    assert other.get(xlsx_url).status_code == 404
    # A made-up token is not found either; anonymous users are sent to log in.
    assert client.get(reverse("review:json", kwargs={"token": "x" * 22})).status_code == 404
    assert Client().get(json_url).status_code == 302


def test_a_session_keeps_only_its_last_three_results(client, world):
    client.force_login(world.users["clerk"])
    tokens = [post(client, "甲镇报告.txt", SCHOOL.encode()).context["token"] for _ in range(4)]
    assert client.get(reverse("review:json", kwargs={"token": tokens[0]})).status_code == 404
    for token in tokens[1:]:
        assert client.get(reverse("review:json", kwargs={"token": token})).status_code == 200
