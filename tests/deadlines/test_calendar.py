"""Working-day arithmetic against known official calendars (no database)."""

from datetime import date

import pytest

from fazhi.deadlines.calendar import (
    DueDate,
    add_calendar_days,
    add_working_days,
    covered_years,
    is_working_day,
    use_official_tables,
    working_days_between,
)


@pytest.fixture(autouse=True)
def builtin_data_only():
    """These tests read chinese-calendar's data alone: no stored year tables (no database)."""
    previous = use_official_tables(dict)
    yield
    use_official_tables(previous)


def test_make_up_working_days_of_national_day_2024_are_working_days():
    assert is_working_day(date(2024, 9, 29)) == (True, False)  # Sunday, 调休 working day
    assert is_working_day(date(2024, 10, 12)) == (True, False)  # Saturday, 调休 working day
    assert is_working_day(date(2024, 10, 1)) == (False, False)
    assert is_working_day(date(2024, 10, 7)) == (False, False)  # Monday inside the holiday
    assert is_working_day(date(2024, 9, 28)) == (False, False)  # an ordinary Saturday


def test_working_days_cross_national_day_2024_counting_the_make_up_sunday():
    # Friday 27 Sept: 29 Sept (Sun, make-up) is day 1, 30 Sept day 2; 1–7 Oct holiday; 8 Oct day 3.
    assert add_working_days(date(2024, 9, 27), 3) == DueDate(date(2024, 10, 8), False)
    # Plain Monday–Friday counting would give 2 Oct: the holiday calendar must be used.
    assert add_working_days(date(2024, 9, 27), 1) == DueDate(date(2024, 9, 29), False)
    # 7 working days from 30 Sept: 8, 9, 10, 11, 12 (Sat, make-up), 14, 15 Oct.
    assert add_working_days(date(2024, 9, 30), 7) == DueDate(date(2024, 10, 15), False)
    assert working_days_between(date(2024, 9, 27), date(2024, 10, 8)) == (3, False)


def test_period_starting_on_a_holiday_counts_from_the_first_working_day_after_it():
    # Triggered on National Day itself: the first working day counted is 8 Oct.
    assert add_working_days(date(2024, 10, 1), 1) == DueDate(date(2024, 10, 8), False)
    assert add_working_days(date(2024, 10, 1), 5) == DueDate(date(2024, 10, 12), False)
    # A calendar-day period starting on a holiday counts every day after it.
    assert add_calendar_days(date(2024, 10, 1), 15) == DueDate(date(2024, 10, 16), False)


def test_calendar_day_period_ending_on_a_holiday_rolls_to_the_next_working_day():
    # 16 Sept + 15 days = 1 Oct (holiday) → the day after the holiday ends: 8 Oct.
    assert add_calendar_days(date(2024, 9, 16), 15) == DueDate(date(2024, 10, 8), False)
    # Ending on an ordinary Saturday rolls to Monday.
    assert add_calendar_days(date(2024, 11, 1), 15) == DueDate(date(2024, 11, 18), False)
    # Ending on a make-up working Saturday does not roll.
    assert add_calendar_days(date(2024, 9, 27), 15) == DueDate(date(2024, 10, 12), False)
    # Ending on a working day is unchanged.
    assert add_calendar_days(date(2024, 11, 5), 15) == DueDate(date(2024, 11, 20), False)


def test_years_past_the_data_fall_back_to_monday_to_friday_and_are_flagged():
    first, last = covered_years()
    assert first <= 2024 <= last < 2030
    assert is_working_day(date(2030, 1, 7)) == (True, True)  # a Monday
    assert is_working_day(date(2030, 1, 5)) == (False, True)  # a Saturday
    # Fri 27 Dec 2030: 30, 31 Dec, then 1 Jan (no holiday data, a Wednesday) counts as working.
    assert add_working_days(date(2030, 12, 27), 3) == DueDate(date(2031, 1, 1), True)
    due = add_working_days(date(last, 12, 24), 10)
    assert due.estimated and due.day.year == last + 1
    assert add_calendar_days(date(2030, 3, 1), 15) == DueDate(date(2030, 3, 18), True)


def test_covered_dates_are_not_estimated_and_a_period_reaching_past_the_data_is():
    first, last = covered_years()
    assert add_working_days(date(last, 6, 1), 5).estimated is False
    assert add_calendar_days(date(last, 12, 20), 30).estimated is True
    assert add_working_days(date(first - 1, 6, 2), 5).estimated is True


def test_zero_and_invalid_lengths():
    assert add_working_days(date(2024, 10, 1), 0) == DueDate(date(2024, 10, 1), False)
    assert add_calendar_days(date(2024, 10, 1), 0) == DueDate(date(2024, 10, 1), False)
    with pytest.raises(ValueError):
        add_working_days(date(2024, 1, 1), -1)
