"""The shared shape of every ledger record, and the attachments kept as evidence."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import ScopedQuerySet


class LedgerQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


def without_archived(rows: models.QuerySet) -> models.QuerySet:
    """Drop archived rows from a queryset of any model that can be archived (ledger records);
    other models' rows are returned as they are."""
    if any(f.name == "archived_at" for f in rows.model._meta.concrete_fields):
        return rows.filter(archived_at__isnull=True)
    return rows


class LedgerRecord(models.Model):
    """A dated record owned by one organisation. Never deleted by users: archived with a reason.

    Concrete ledgers add their fields and may redeclare `occurred_on` with their own label.
    `year` is derived from `occurred_on` by the services.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    occurred_on = models.DateField("日期")
    year = models.PositiveSmallIntegerField("年度", editable=False, db_index=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="归档人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    archive_reason = models.CharField("归档原因", max_length=200, blank=True, editable=False)
    history = HistoricalRecords(inherit=True)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-occurred_on", "-pk"]
        # Unnamed: Django derives a name per concrete model within its 30-character limit.
        # The partial one holds only archived rows (a few), so "which records are archived"
        # (deadlines of archived records are dropped) reads no table; a condition needs a name,
        # and "%(app_label)s_" would pass the limit (the checks catch a clash of class names).
        indexes = [
            models.Index(fields=["organisation", "year"]),
            models.Index(
                fields=["archived_at"],
                name="%(class)s_archived",
                condition=models.Q(archived_at__isnull=False),
            ),
            # The lists' order, with what their scope filters on, so a deep page walks this
            # index instead of sorting the whole table (bench/api_list.py).
            models.Index(
                fields=["-occurred_on", "-id", "organisation", "archived_at"],
                name="%(class)s_by_date",
            ),
        ]

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class PersonalDataAccess(models.Model):
    """Who was shown which record's personal data unmasked, where and when (append-only: the
    log is its own history)."""

    append_only = True

    class Context(models.TextChoices):
        LIST = "list", "列表"
        DETAIL = "detail", "详情"
        EXPORT = "export", "导出"
        FORM = "form", "修改表单"
        API = "api", "接口"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="查看人", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    kind_slug = models.CharField("台账", max_length=64)
    record_id = models.PositiveBigIntegerField("记录编号")
    record_label = models.CharField("记录", max_length=200)
    context = models.CharField("查看方式", max_length=8, choices=Context.choices)
    viewed_at = models.DateTimeField("查看时间", auto_now_add=True, db_index=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "个人信息查看记录"
        verbose_name_plural = "个人信息查看记录"
        ordering = ["-viewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} {self.kind_slug}#{self.record_id}"


class StoredFile(models.Model):
    """File content, stored once per SHA-256 however many records attach it."""

    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("文件类型", max_length=100)
    file = models.FileField("文件", upload_to="attachments/")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "文件"
        verbose_name_plural = "文件"

    def __str__(self) -> str:
        return self.sha256


class AttachmentCategory(models.TextChoices):
    PHOTO = "photo", "活动照片"
    SIGN_IN = "sign_in", "签到表"
    MINUTES = "minutes", "会议纪要"
    DOCUMENT = "document", "文件材料"
    OTHER = "other", "其他"


class AttachmentQuerySet(ScopedQuerySet):
    def current(self):
        """Attachments not removed or replaced (what counts as a record's evidence)."""
        return self.filter(archived_at__isnull=True)

    def removed(self):
        return self.filter(archived_at__isnull=False)


class Attachment(models.Model):
    """Evidence attached to one ledger record; scoped by the record's organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    record_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    stored_file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="uses")
    name = models.CharField("文件名", max_length=255)
    category = models.CharField(
        "类别", max_length=16, choices=AttachmentCategory.choices, default=AttachmentCategory.OTHER
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Removed or replaced attachments are kept (downloadable, listed in the record's history).
    archived_at = models.DateTimeField("移除时间", null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="移除人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    archive_reason = models.CharField("移除原因", max_length=200, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="替换为",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )
    history = HistoricalRecords()

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_image(self) -> bool:
        return self.stored_file.content_type.startswith("image/")

    @property
    def is_pdf(self) -> bool:
        return self.stored_file.content_type == "application/pdf"
