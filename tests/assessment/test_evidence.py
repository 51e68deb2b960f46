"""Evidence (佐证): ledger records of the township and year, their attachments, uploaded files."""

from datetime import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from fazhi.assessment import services
from fazhi.assessment.models import Evidence
from fazhi.ledgers.models import StoredFile
from tests.assessment.conftest import YEAR, pdf_upload, study_record

pytestmark = pytest.mark.django_db


def test_an_upload_in_the_following_year_proves_the_schemes_year(world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.1")
    uploaded_at = timezone.make_aware(datetime(YEAR + 1, 2, 15, 10, 0))
    with mock.patch("django.utils.timezone.now", return_value=uploaded_at):
        evidence = services.evidence_upload(
            actor=world.users["clerk"], score=score, uploaded=pdf_upload(), note="会议纪要"
        )
    evidence.refresh_from_db()
    assert evidence.added_at.year == YEAR + 1
    assert evidence.year == YEAR
    assert evidence.stored_file.content_type == "application/pdf"
    assert (evidence.name, evidence.note, evidence.added_by) == (
        "佐证.pdf",
        "会议纪要",
        world.users["clerk"],
    )


def test_the_same_file_is_stored_once(world, scheme_world):
    first = scheme_world.score(world.orgs["A1"], "1.1")
    second = scheme_world.score(world.orgs["A1"], "2.1")
    a = services.evidence_upload(actor=world.users["clerk"], score=first, uploaded=pdf_upload())
    b = services.evidence_upload(actor=world.users["clerk"], score=second, uploaded=pdf_upload())
    assert a.stored_file_id == b.stored_file_id and StoredFile.objects.count() == 1


@override_settings(FAZHI_UPLOAD_MAX_BYTES=1000)
def test_uploads_over_the_limit_or_of_a_refused_type_save_nothing(world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.1")
    with pytest.raises(ValidationError, match="超过"):
        services.evidence_upload(
            actor=world.users["clerk"], score=score, uploaded=pdf_upload(body=b"x" * 2000)
        )
    program = SimpleUploadedFile("a.pdf", b"MZ\x90\x00" + b"\x00" * 60)
    with pytest.raises(ValidationError, match="不支持的文件类型"):
        services.evidence_upload(actor=world.users["clerk"], score=score, uploaded=program)
    assert Evidence.objects.count() == 0 and StoredFile.objects.count() == 0


def test_a_record_of_the_township_and_year_and_its_attachment(world, scheme_world):
    record, attachment = study_record(world.orgs["A1"], with_attachment=True)
    score = scheme_world.score(world.orgs["A1"], "1.1")
    evidence = services.evidence_add_record(
        actor=world.users["clerk"], score=score, kind_slug="study-sessions", record_id=record.pk
    )
    assert (evidence.kind_slug, evidence.record_id, evidence.year) == (
        "study-sessions",
        record.pk,
        YEAR,
    )
    assert evidence.name.startswith("学法")
    with_file = services.evidence_add_record(
        actor=world.users["clerk"],
        score=score,
        kind_slug="study-sessions",
        record_id=record.pk,
        attachment_id=attachment.pk,
    )
    assert with_file.attachment == attachment and with_file.name == "签到表.png"


def test_a_record_of_another_township_is_refused(world, scheme_world):
    record, attachment = study_record(world.orgs["A2"], with_attachment=True)
    score = scheme_world.score(world.orgs["A1"], "1.1")
    with pytest.raises(ValidationError, match="不属于本单位"):
        services.evidence_add_record(
            actor=world.users["clerk"], score=score, kind_slug="study-sessions", record_id=record.pk
        )
    # Nor may an inspector (who sees both) attach it to the wrong township's item.
    own, _ = study_record(world.orgs["A1"])
    with pytest.raises(ValidationError, match="附件不属于所选记录"):
        services.evidence_add_record(
            actor=world.users["clerk"],
            score=score,
            kind_slug="study-sessions",
            record_id=own.pk,
            attachment_id=attachment.pk,
        )
    assert Evidence.objects.count() == 0


def test_a_record_of_another_year_or_an_unknown_ledger_is_refused(world, scheme_world):
    record, _ = study_record(world.orgs["A1"], year=YEAR - 1)
    score = scheme_world.score(world.orgs["A1"], "1.1")
    with pytest.raises(ValidationError, match=f"属于{YEAR - 1}年度"):
        services.evidence_add_record(
            actor=world.users["clerk"], score=score, kind_slug="study-sessions", record_id=record.pk
        )
    with pytest.raises(ValidationError, match="没有这个台账"):
        services.evidence_add_record(
            actor=world.users["clerk"], score=score, kind_slug="nothing", record_id=record.pk
        )
    assert Evidence.objects.count() == 0


def test_removing_evidence_is_kept_in_history(world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.1")
    evidence = services.evidence_upload(
        actor=world.users["clerk"], score=score, uploaded=pdf_upload()
    )
    services.evidence_remove(actor=world.users["leader"], evidence=evidence)
    assert Evidence.objects.count() == 0
    deleted = Evidence.history.filter(history_type="-").get()
    assert deleted.history_user == world.users["leader"] and deleted.name == "佐证.pdf"


def test_the_items_history_page_lists_evidence_added_and_removed(client, world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.1")
    evidence = services.evidence_upload(
        actor=world.users["clerk"], score=score, uploaded=pdf_upload("纪要.pdf")
    )
    services.evidence_remove(actor=world.users["leader"], evidence=evidence)
    client.force_login(world.users["inspector"])
    page = client.get(
        reverse("assessment:history", kwargs={"code": "100001101", "item": "1.1"}) + f"?year={YEAR}"
    ).content.decode()
    assert page.count('data-testid="evidence-entry"') == 2
    assert f"纪要.pdf（{YEAR}年度）" in page and "leader" in page
