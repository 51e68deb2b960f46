"""The county table's cells written in Python: the markup the pages and tests read, escaped."""

from types import SimpleNamespace

from fazhi.dashboards.templatetags.county_tags import cell_html


def _cell(**changes):
    values = {
        "url": "/indicators/1/records/x.y/?year=2025&a=<b>",
        "code": "x.y",
        "organisation": SimpleNamespace(code="100001101"),
        "raw": "12",
        "year": 2025,
        "text": '12"次"',
        "rank": 2,
        "change_direction": "up",
        "previous_text": "10次",
        "previous_url": "/indicators/1/records/x.y/?year=2024",
        "previous_raw": "10",
        "change_text": "+2次",
    }
    return SimpleNamespace(**{**values, **changes})


def test_a_cell_links_both_years_with_its_rank_and_escapes_every_value():
    html = cell_html(_cell())
    assert 'href="/indicators/1/records/x.y/?year=2025&amp;a=&lt;b&gt;"' in html
    assert (
        'data-indicator="x.y" data-org="100001101" data-year="2025" data-value="12">'
        "12&quot;次&quot;</a>"
    ) in html
    assert '<span class="badge text-bg-light border" data-rank="2" title="排名">第2</span>' in html
    assert 'class="small change change-up" title="上年 10次"' in html
    assert (
        'data-indicator="x.y" data-org="100001101" data-year="2024" data-value="10" '
        'data-shows="change">同比 +2次</a>'
    ) in html
    assert "<b>" not in html


def test_a_cell_without_rank():
    assert "data-rank" not in cell_html(_cell(rank=None))
