"""People under follow-up: visits through the service, overdue visits flagged against `today`."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.disputes.models import FollowUpVisit
from fazhi.disputes.selectors import overdue_visits, visit_state
from fazhi.disputes.services.followup import visit_record
from tests.disputes.helpers import make_person

TODAY = date(2025, 3, 1)


def visit(world, person, actor="clerk", **changes):
    values = {
        "visited_on": date(2025, 2, 5),
        "visitor": "司法所 林晓",
        "method": "home",
        "situation": "表现稳定",
        "today": TODAY,
        **changes,
    }
    return visit_record(actor=world.users[actor], record=person, **values)


def test_visit_refused_on_every_illegal_path(world):
    person = make_person(world, released_on=date(2025, 2, 20))
    cases = [
        ({"actor": "leader"}, PermissionDenied, "无权"),
        ({"visited_on": date(2025, 1, 9)}, ValidationError, "不能早于纳入日期"),
        ({"visited_on": date(2025, 3, 2)}, ValidationError, "不能晚于今天"),
        ({"visited_on": date(2025, 2, 21)}, ValidationError, "已于2025-02-20解除"),
        ({"situation": ""}, ValidationError, "请填写现实表现及情况"),
        ({"method": "letter"}, ValidationError, "method"),
    ]
    for changes, error, reason in cases:
        with pytest.raises(error) as caught:
            visit(world, person, **changes)
        assert reason in str(caught.value)
    assert not FollowUpVisit.objects.exists()


def test_a_visit_moves_the_next_due_date(world):
    person = make_person(world)
    # Included 2025-01-10, every 30 days: due 2025-02-09.
    assert visit_state(person, date(2025, 2, 9)) == "下次走访：2025-02-09前"
    assert visit_state(person, date(2025, 2, 12)) == "走访逾期3天（应于2025-02-09前走访）"
    saved = visit(world, person)
    assert saved.history.get().history_user == world.users["clerk"]
    assert visit_state(person, TODAY) == "下次走访：2025-03-07前"


def test_overdue_visits_are_flagged_in_scope(world):
    never = make_person(world)
    visited = make_person(world, id_number="999901199001010029", name="欧阳")
    visit(world, visited, visited_on=date(2025, 2, 25))
    make_person(world, id_number="999901199001010037", released_on=date(2025, 2, 1))
    make_person(world, org="A2", id_number="999901199001010045")
    items = overdue_visits(user=world.users["clerk"], today=TODAY)
    assert [(i.person.pk, i.due, i.days_late, i.last_visit) for i in items] == [
        (never.pk, date(2025, 2, 9), 20, None)
    ]
    county = overdue_visits(user=world.users["county_admin"], today=TODAY)
    assert len(county) == 2
    assert overdue_visits(user=world.users["clerk"], today=date(2025, 2, 9)) == []
