"""Shared helpers for the checker tests. No Django is needed for any of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import require

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"

CLEAN_REPORT = """青山镇2024年度法治政府建设情况报告

2024年，青山镇坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下：

一、2024年推进法治政府建设的主要举措和成效

（一）强化学法用法。党委理论学习中心组开展专题学法6次，组织干部参加学法考试2次。

（二）加强普法宣传。全年开展普法宣传活动40余次，发放宣传资料3000余份。

（三）化解矛盾纠纷。共调解矛盾纠纷50起，调解成功48起，调解成功率为96%。

二、党政主要负责人履行推进法治建设第一责任人职责情况

镇党委书记主持召开专题会议研究法治建设4次，带头述法。

三、2024年推进法治政府建设存在的不足和原因

一是干部法治意识有待增强。二是普法形式较为单一。

四、2025年推进法治政府建设的主要安排

2025年，我镇将继续加强法治宣传，完善矛盾纠纷化解机制。

五、其他需要报告的情况

无。

青山镇人民政府
2025年2月10日
"""


def seeds_dir() -> Path:
    """The labelled sample reports; skipped when absent, but a failure on CI (CI=true)."""
    require((SEEDS / "labels.json").exists(), f"sample reports not found at {SEEDS}")
    return SEEDS


@pytest.fixture
def seeds() -> Path:
    return seeds_dir()


def codes(result: dict) -> list[str]:
    return [finding["code"] for finding in result["findings"]]


OTHER_REPORT = """红桥镇2024年法治政府建设工作总结

一、工作开展情况

今年红桥镇围绕依法行政目标，完善了执法公示平台，办理行政执法案件21件，组织执法培训3期。

二、党政主要负责人履行第一责任人职责情况

镇长带头学法，全年主持政府常务会议学法5次，听取法治工作汇报两次。

三、存在的问题

执法队伍人手紧张，部分案卷归档不够及时。

四、2025年工作打算

明年将加强执法队伍培训，推进案卷评查常态化。

红桥镇人民政府
2025年1月20日
"""
