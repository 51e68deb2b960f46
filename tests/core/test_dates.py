"""fazhi.core.dates: the reason a date of something that happened is impossible."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.dates import check_happened, happened_error

TODAY = date(2026, 3, 9)


def test_a_date_after_the_given_today_is_refused_naming_the_field():
    assert happened_error(date(2026, 3, 10), "答复日期", today=TODAY) == (
        "答复日期不能晚于今天（2026年3月9日）"
    )
    assert happened_error(TODAY, "答复日期", today=TODAY) is None
    assert happened_error(None, "答复日期", today=TODAY) is None


def test_a_date_before_2000_is_refused():
    assert happened_error(date(1999, 12, 31), "走访日期", today=TODAY) == "走访日期不能早于2000年"
    assert happened_error(date(2000, 1, 1), "走访日期", today=TODAY) is None


def test_check_happened_raises_with_the_reason():
    with pytest.raises(ValidationError, match="送达日期不能早于2000年"):
        check_happened(date(1990, 1, 1), "送达日期")
