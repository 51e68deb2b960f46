"""Full-process records (第四十七条), case-file review (案卷评查) and the certificate selector."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from lxml import html

from fazhi.enforcement import checklists, selectors, services
from fazhi.enforcement.models import Case
from tests.enforcement.helpers import officer, snapshot, staffed_case

pytestmark = pytest.mark.django_db
SCORES = {
    "subject_score": 15,
    "procedure_score": 22,
    "facts_score": 15,
    "evidence_score": 18,
    "law_score": 15,
    "documents_score": 8,
}


def closed_case(world, number="甲镇罚〔2025〕1号"):
    record = staffed_case(world, case_number=number)
    services.case_decide(actor=None, record=record, decided_on=date(2025, 4, 1), result="警告")
    services.case_serve(actor=None, record=record, served_on=date(2025, 4, 2))
    services.case_publicise(
        actor=None, record=record, publicised_on=date(2025, 4, 2), channel="网站"
    )
    services.case_close(actor=None, record=record, closed_on=date(2025, 4, 20))
    return Case.objects.get(pk=record.pk)


def test_absent_records_are_flagged_per_stage_reached(world):
    record = staffed_case(world)
    assert checklists.missing_records(record) == [
        "启动·文字记录",
        "调查取证·文字记录",
        "调查取证·音像记录",
    ]
    services.process_record_add(
        actor=world.users["clerk"],
        record=record,
        stage="investigation",
        form="audiovisual",
        made_on=date(2025, 3, 4),
        description="执法记录仪视频",
    )
    assert "调查取证·音像记录" not in checklists.missing_records(record)
    before = snapshot()
    with pytest.raises(ValidationError, match="本案已登记“调查取证·音像记录”"):
        services.process_record_add(
            actor=None,
            record=record,
            stage="investigation",
            form="audiovisual",
            made_on=date(2025, 3, 5),
            description="重复",
        )
    assert snapshot() == before
    closed = closed_case(world, "甲镇罚〔2025〕2号")
    assert "执行·文字记录" in checklists.missing_records(closed)
    assert "送达·音像记录" in checklists.missing_records(closed)


def test_a_file_is_reviewed_only_when_closed_and_by_a_reviewer(world):
    record = staffed_case(world)
    review = lambda actor=None, **kw: services.case_file_review_record(  # noqa: E731
        actor=actor,
        record=record,
        reviewed_on=date(2025, 6, 1),
        reviewer_name="评查组",
        scores=kw.pop("scores", SCORES),
        **kw,
    )
    before = snapshot()
    with pytest.raises(ValidationError, match="只能评查已结案的案卷"):
        review()
    assert snapshot() == before

    record = closed_case(world, "甲镇罚〔2025〕9号")
    before = snapshot()
    with pytest.raises(PermissionDenied, match="只有法制审核员或督察可以登记案卷评查"):
        review(actor=world.users["clerk"])
    with pytest.raises(ValidationError, match="“程序”得分须为 0 至 25 之间的整数"):
        review(actor=world.users["reviewer"], scores={**SCORES, "procedure_score": 26})
    assert snapshot() == before

    made = review(actor=world.users["inspector"])
    assert made.total == 93
    with pytest.raises(ValidationError, match="该案卷已评查"):
        review(actor=world.users["reviewer"])


def test_township_average_score_for_a_year(client, world):
    a1 = world.orgs["A1"]
    for number, procedure in (("甲镇罚〔2025〕1号", 25), ("甲镇罚〔2025〕2号", 15)):
        record = closed_case(world, number) if number.endswith("1号") else None
        if record is None:
            record = staffed_case(world, case_number=number, occurred_on=date(2025, 3, 4))
            services.case_decide(
                actor=None, record=record, decided_on=date(2025, 4, 1), result="警告"
            )
            services.case_serve(actor=None, record=record, served_on=date(2025, 4, 2))
            services.case_publicise(
                actor=None, record=record, publicised_on=date(2025, 4, 2), channel="网站"
            )
            services.case_close(actor=None, record=record, closed_on=date(2025, 4, 20))
        services.case_file_review_record(
            actor=None,
            record=record,
            reviewed_on=date(2025, 6, 1),
            reviewer_name="评查组",
            scores={**SCORES, "procedure_score": procedure},
        )
    # The overview shows the catalogue's figures (reviews count in their review year).
    client.force_login(world.users["leader"])
    shown = _scores(client, 2025)
    assert shown == {
        (a1.code, "enforcement.case_files_reviewed"): "2",
        (a1.code, "enforcement.case_file_review_score"): "91",
    }
    assert set(_scores(client, 2024).values()) == {"0", ""}
    client.force_login(world.users["inspector"])
    assert _scores(client, 2025)[(world.orgs["A"].code, "enforcement.case_file_review_score")] == (
        "91"
    )


def _scores(client, year):
    page = html.fromstring(client.get(reverse("enforcement:overview") + f"?year={year}").content)
    return {
        (element.get("data-org"), element.get("data-indicator")): element.get("data-value")
        for element in page.xpath('//*[@data-testid="scores"]//*[@data-indicator]')
    }


def test_expiring_and_expired_certificates_relative_to_today(world):
    officer(world, "张明", "A1-001", until=date(2026, 6, 10))  # within 30 days
    officer(world, "李强", "A1-002", until=date(2026, 5, 1))  # expired
    officer(world, "王刚", "A1-003", until=date(2026, 7, 1))  # fine
    officer(world, "钱伟", "A2-001", until=date(2026, 5, 1), org="A2")  # another township
    today = date(2026, 5, 20)
    names = [
        o.name for o in selectors.expiring_certificates(user=world.users["clerk"], today=today)
    ]
    assert names == ["李强", "张明"]
    statuses = {
        o.name: o.certificate_status(today)
        for o in selectors.expiring_certificates(user=world.users["clerk"], today=today)
    }
    assert statuses == {"李强": "已过期", "张明": "21天内到期"}
