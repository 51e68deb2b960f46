"""Citation findings (unknown_law, repealed_law, article_out_of_range, outdated_plan) on a corpus
of true and false cases: each sentence goes into the clean report of a given year."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fazhi.checker import check_file, check_text
from tests.checker.conftest import CLEAN_REPORT, REPO, seeds_dir

CITATION_CODES = {"unknown_law", "repealed_law", "article_out_of_range", "outdated_plan"}
ANCHOR = "（二）加强普法宣传。"


def report(sentence: str, year: int = 2024) -> tuple[str, int]:
    """The clean report moved to `year` with `sentence` in part 1; and the sentence's line."""
    text = CLEAN_REPORT.replace("2025", "@").replace("2024", str(year)).replace("@", str(year + 1))
    text = text.replace(ANCHOR, ANCHOR + sentence)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if sentence in row)
    return text, line


def citation_findings(sentence: str, year: int = 2024) -> tuple[list[dict], int]:
    text, line = report(sentence, year)
    found = [f for f in check_text(text)["findings"] if f["code"] in CITATION_CODES]
    return found, line


# (sentence, report year, the one code expected or None, words the message must contain)
CORPUS = [
    # article_out_of_range
    ("依据《行政处罚法》第九十九条作出处罚。", 2024, "article_out_of_range", "86 条"),
    ("依据《中华人民共和国行政处罚法》第八十七条。", 2024, "article_out_of_range", "第八十七条"),
    ("《民法典》第一千二百六十一条规定。", 2024, "article_out_of_range", "1260 条"),
    ("按《行政复议法》第九十一条办理。", 2024, "article_out_of_range", "90 条"),
    ("按《行政复议法》第五十条办理。", 2020, "article_out_of_range", "43 条"),
    ("依照《宪法》第一百四十四条。", 2024, "article_out_of_range", "143 条"),
    ("适用《行政处罚法》第三十九条至第九十条。", 2024, "article_out_of_range", "第九十条"),
    ("适用《行政处罚法》第99条。", 2024, "article_out_of_range", "第99条"),
    ("适用《行政处罚法》第八十六条、第一百条第二款。", 2024, "article_out_of_range", "第一百条"),
    # repealed_law
    ("按照《信访条例》处理信访事项。", 2023, "repealed_law", "信访工作条例"),
    ("按照《信访条例》处理信访事项。", 2022, "repealed_law", "2022-05-01"),
    ("按照《合同法》规范合同管理。", 2022, "repealed_law", "民法典"),
    ("学习《中华人民共和国物权法》。", 2021, "repealed_law", "民法典"),
    ("依据《环境噪声污染防治法》处理噪声投诉。", 2023, "repealed_law", "噪声污染防治法"),
    ("学习《婚姻法》。", 2024, "repealed_law", "婚姻法"),
    ("依照《城市房屋拆迁管理条例》拆迁。", 2023, "repealed_law", "国有土地上房屋征收与补偿条例"),
    ("依据《中华人民共和国行政监察法》。", 2021, "repealed_law", "2018-03-20"),
    # outdated_plan
    ("落实《法治政府建设实施纲要（2015—2020年）》。", 2024, "outdated_plan", "2020 年"),
    ("落实《法治政府建设实施纲要（2021—2025年）》。", 2026, "outdated_plan", "2025 年"),
    ("深入实施《“七五”普法规划》。", 2021, "outdated_plan", "第八个五年规划"),
    ("执行《青山镇“十三五”发展规划（2016—2020年）》。", 2024, "outdated_plan", "2020 年"),
    ("落实《法治社会建设实施纲要（2020-2025年）》。", 2026, "outdated_plan", "2025 年"),
    # unknown_law
    ("学习《中华人民共和国乡村治理法》。", 2024, "unknown_law", "乡村治理法"),
    ("依据《行政处罚条例》办理。", 2024, "unknown_law", "行政处罚条例"),
    ("学习《中华人民共和国信访法》。", 2024, "unknown_law", "信访法"),
    ("依据《农村治理条例》开展工作。", 2024, "unknown_law", "农村治理条例"),
    ("学习《重大行政决策程序条例》。", 2024, "unknown_law", "重大行政决策程序条例"),
    # no finding: laws cited rightly
    ("依据《中华人民共和国行政处罚法》第三十九条公示。", 2024, None, ""),
    ("适用《行政处罚法》第三十九条、第四十条。", 2024, None, ""),
    ("适用《行政复议法》第三十条第一款。", 2024, None, ""),
    ("按《行政复议法》第五十条办理。", 2024, None, ""),
    ("依照《宪法》第一百四十三条。", 2024, None, ""),
    ("按照《信访条例》处理信访事项。", 2021, None, ""),
    ("学习《物权法》。", 2020, None, ""),
    ("按照《信访工作条例》处理信访事项。", 2023, None, ""),
    ("依据《噪声污染防治法》处理噪声投诉。", 2023, None, ""),
    ("学习《保密法》《民法典》《个人信息保护法》。", 2024, None, ""),
    ("学习《行政处罚法（2021年修订）》。", 2024, None, ""),
    ("学习《刑法修正案（十一）》和《农村土地承包法》。", 2024, None, ""),
    ("落实《重大行政决策程序暂行条例》。", 2024, None, ""),
    ("落实《法治政府建设与责任落实督察工作规定》。", 2024, None, ""),
    ("落实《党政主要负责人履行推进法治建设第一责任人职责规定》。", 2024, None, ""),
    ("适用《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》。", 2024, None, ""),
    # no finding: plans in their period, or named without a period
    ("落实《法治政府建设实施纲要（2021—2025年）》。", 2025, None, ""),
    ("落实《法治政府建设实施纲要（2015-2020年）》。", 2019, None, ""),
    ("落实《法治政府建设实施纲要》。", 2024, None, ""),
    ("实施《“八五”普法规划》。", 2024, None, ""),
    # no finding: books, papers, programmes, local and party documents, drafts, vague titles
    ("组织学习《习近平法治思想学习纲要》。", 2024, None, ""),
    ("组织收看《今日说法》。", 2024, None, ""),
    ("在《法治日报》《人民日报》刊发信息。", 2024, None, ""),
    ("发放《民法典学习读本》。", 2024, None, ""),
    ("学习《浙江省信访条例》。", 2024, None, ""),
    ("修订《青山镇村规民约》。", 2024, None, ""),
    ("学习《中国共产党纪律处分条例》。", 2024, None, ""),
    ("征求对《中华人民共和国行政处罚法（修订草案）》的意见。", 2024, None, ""),
    ("制定《青山镇矛盾纠纷调解办法》和《2024年度青山镇机关干部集中学法计划》。", 2024, None, ""),
    ("按照《关于推进重大执法决定法治审核和行政执法公示制度试点工作实施方案》。", 2024, None, ""),
    ("贯彻《条例》和《办法》要求。", 2024, None, ""),
    ("学习《以案说法》和《法律的精神与方法》。", 2024, None, ""),
    ("参照《深圳经济特区医疗条例》《山东省信访条例》。", 2024, None, ""),
    ("学习《税收征管法》《选举法》《地方组织法》。", 2024, None, ""),
    ("学习《中华人民和国治安管理处罚法》。", 2024, "unknown_law", "中华人民和国"),
]  # fmt: skip


def test_corpus_has_forty_true_and_false_cases():
    assert len(CORPUS) >= 40
    assert sum(1 for case in CORPUS if case[2]) >= 20
    assert sum(1 for case in CORPUS if not case[2]) >= 20


@pytest.mark.parametrize(("sentence", "year", "code", "words"), CORPUS)
def test_citation_case(sentence, year, code, words):
    found, line = citation_findings(sentence, year)
    if code is None:
        assert found == []
        return
    assert [f["code"] for f in found] == [code], found
    assert found[0]["line"] == line
    assert words in found[0]["message"]


def test_article_out_of_range_names_each_bad_article_once():
    found, _ = citation_findings("《行政处罚法》第八十七条、第八十八条，《行政处罚法》第九十条。")
    assert [f["message"].rsplit("“", 1)[1][:6] for f in found] == [
        "第八十七条”",
        "第八十八条”",
        "第九十条”超",
    ]


def test_each_repealed_law_is_named_once_per_report():
    found, _ = citation_findings("学习《信访条例》。依据《信访条例》。", 2023)
    assert [f["code"] for f in found] == ["repealed_law"]


def test_cited_plan_is_not_also_a_stale_plan_reference():
    text, _ = report("落实《法治政府建设实施纲要（2015—2020年）》。")
    codes = [f["code"] for f in check_text(text)["findings"]]
    assert codes == ["outdated_plan"]
    text, _ = report("落实法治政府建设实施纲要（2015—2020年）。")
    assert [f["code"] for f in check_text(text)["findings"]] == ["stale_plan_reference"]


def test_traditional_report_is_checked_after_conversion():
    text, _ = report("按照《信访条例》处理信访事项。", 2023)
    simplified, traditional = (
        "镇设举发传资报进党负责调纠纷会议题组织习试导访条处项",
        "鎮設舉發傳資報進黨負責調糾紛會議題組織習試導訪條處項",
    )
    text = text.translate(str.maketrans(simplified, traditional))
    assert "《信訪條例》" in text
    [repealed] = [f for f in check_text(text)["findings"] if f["code"] == "repealed_law"]
    # Quoted as the report wrote it; the replacement (not in the report) in the catalogue's.
    assert "引用的《信訪條例》已于" in repealed["message"], repealed["message"]
    assert "应引用《信访工作条例》" in repealed["message"], repealed["message"]


def test_no_false_unknown_law_on_the_seeds():
    seeds = seeds_dir()
    files = sorted(seeds.glob("*.txt")) + sorted(seeds.glob("*.md"))
    assert files
    for path in files:
        codes = [f["code"] for f in check_file(path)["findings"]]
        assert "unknown_law" not in codes, path.name
        assert "repealed_law" not in codes, path.name


def test_catalogue_is_not_loaded_for_a_report_without_titles():
    script = (
        "import sys\n"
        "from fazhi.checker import check_text\n"
        f"check_text({CLEAN_REPORT!r})\n"
        "assert 'fazhi.lawbook' not in sys.modules, 'loaded'\n"
        f"check_text({CLEAN_REPORT.replace(ANCHOR, ANCHOR + '学习《民法典》。')!r})\n"
        "assert 'fazhi.lawbook' in sys.modules\n"
    )
    env_path = str(REPO / "src")
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_citation_check_costs_under_a_tenth_of_the_report():
    import time

    from fazhi.checker.findings import citations
    from fazhi.checker.report import analyse_text

    sentence = "学习《国家安全法》《反间谍法》《保密法》《信访条例》《民法典》第一千条。" * 3
    analysis = analyse_text(report(sentence, 2021)[0])
    citations.check(analysis)  # the catalogue's names loaded once per process

    def best(action, rounds=5, repeat=20) -> float:
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            for _ in range(repeat):
                action()
            timings.append(time.perf_counter() - started)
        return min(timings)

    whole = best(lambda: analyse_text(analysis.text))
    cited = best(lambda: citations.check(analysis))
    assert cited < 0.10 * whole
