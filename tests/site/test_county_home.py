"""The county inspector's home page (工作台) gathers the county's year: the report collection,
the assessment's ranking, the findings and the comparison, each a panel of its own app, each
from that app's one computation; township people see none of the county's panels."""

from django.utils import timezone

from fazhi.assessment.results import scheme_result
from fazhi.assessment.scoring import refresh_scores
from fazhi.reports.collection import collection_board, collection_summary
from tests.assessment.scoring_world import simple_scheme


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_inspector_sees_the_board_and_the_ranking(client, world):
    year = timezone.localdate().year - 1
    scheme = simple_scheme(world.orgs["A"], year)
    refresh_scores(scheme)
    html = _home(client, world.users["inspector"])
    summary = collection_summary(collection_board(world.orgs["A"], year))
    assert f"甲县 · {year}年度报告收取" in html
    assert (
        f"{summary.townships} 个乡镇（街道）：已报送 <strong>{summary.submitted}</strong>" in html
    )
    assert f'逾期未报 <strong class="text-danger">{summary.overdue}</strong>' in html
    assert summary.overdue == 2  # neither township has submitted and 3月1日 is past
    assert f"甲县 · {year}年度考核得分" in html
    ranked = scheme_result(scheme).ranked
    panel = html[html.index('data-testid="results-panel"') :]
    assert len(ranked) == 2
    for township in ranked:
        assert township.organisation.name in panel
    assert f"{ranked[0].total:.2f}" in panel
    # The panels come in the county's order: the board, then the scores.
    assert html.index("年度报告收取") < html.index("年度考核得分")


def test_township_people_see_none_of_the_countys_panels(client, world):
    year = timezone.localdate().year - 1
    refresh_scores(simple_scheme(world.orgs["A"], year))
    html = _home(client, world.users["clerk"])
    assert "年度报告收取" not in html and "年度考核得分" not in html


def test_no_scores_no_ranking_panel(client, world):
    html = _home(client, world.users["inspector"])
    assert "年度考核得分" not in html and "年度报告收取" in html
