from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
