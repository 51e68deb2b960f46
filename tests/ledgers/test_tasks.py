"""Records still lacking the evidence their kind requires (fazhi.ledgers.tasks)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.core.tasks import TaskKind
from fazhi.ledgers.attachments import attachment_add
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.ledgers.tasks import source
from tests.ledger_world import png_bytes, sample_values
from tests.tasks_helpers import group_of, holders

ACTIVITIES = get_kind("publicity-activities")


def _activity(world, org, title):
    today = timezone.localdate()
    values = {**sample_values(ACTIVITIES, world.orgs[org]), "occurred_on": today, "title": title}
    values["theme_day"] = ""
    return record_create(actor=None, kind=ACTIVITIES, organisation=world.orgs[org], data=values)


def test_records_of_this_year_without_an_attachment(world, django_assert_max_num_queries):
    bare = _activity(world, "A1", "没有照片的宣传活动")
    with_photo = _activity(world, "A1", "有照片的宣传活动")
    upload = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    attachment_add(
        actor=None, kind=ACTIVITIES, record=with_photo, uploaded=upload, category="photo"
    )
    _activity(world, "A2", "乙镇没有照片的活动")
    group = group_of(world.users["clerk"], "evidence")
    assert [t.key for t in group.tasks] == [f"evidence:publicity-activities:{bare.pk}"]
    task = group.tasks[0]
    assert task.kind == TaskKind.MISSING
    assert "没有照片的宣传活动" in task.title and task.title.endswith("缺少活动照片")
    assert f"{bare.occurred_on:%Y-%m-%d}" in task.title
    assert task.url == f"/ledgers/publicity-activities/{bare.pk}/"
    with django_assert_max_num_queries(8):
        source(world.users["clerk"])


def test_nothing_missing_says_so_and_only_editors_see_it(world):
    group = group_of(world.users["clerk"], "evidence")
    assert group.tasks == [] and group.empty.endswith("记录都已上传佐证材料")
    assert holders(world, "evidence") == {"clerk"}
