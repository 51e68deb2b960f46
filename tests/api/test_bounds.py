"""Junk in paths and queries (NUL bytes, integers beyond any column) is a 404 or 400, never a
500, on every route of the indicator, report, deadline and assessment API."""

import pytest

pytestmark = pytest.mark.django_db
HUGE = "9" * 30


def test_junk_is_never_a_server_error(client, world):
    client.force_login(world.users["inspector"])
    a1 = world.orgs["A1"].code
    cases = {
        f"/api/reports/{a1}/{HUGE}/": 404,
        f"/api/reports/{a1}/2024/{HUGE}/": 404,
        f"/api/reports/{a1}/2024/{HUGE}/report.docx": 404,
        "/api/reports/%00/2024/": 404,
        "/api/indicators/?org=%00&year=2024": 404,
        f"/api/indicators/?org={a1}&year={HUGE}": 400,
        "/api/indicators/%00/records/governance.budget/": 404,
        f"/api/indicators/{a1}/records/governance.budget/?page={HUGE}&year={HUGE}": 200,
        "/api/deadlines/?org=%00": 404,
        f"/api/deadlines/?page={HUGE}": 400,
        f"/api/assessment/schemes/{HUGE}/": 404,
        "/api/assessment/results/%00/": 404,
        f"/api/findings/{HUGE}/": 404,
        "/api/findings/?township=%00": 404,
        f"/api/findings/?year={HUGE}": 400,
    }
    for url, status in cases.items():
        assert client.get(url).status_code == status, url
    response = client.post(f"/api/reports/{a1}/{HUGE}/1/actions/receive/")
    assert response.status_code == 404
