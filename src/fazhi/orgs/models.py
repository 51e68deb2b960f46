from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from fazhi.orgs.roles import PARENT_LEVEL, ROLE_LEVELS, ROOT_LEVELS, Level, Role
from fazhi.orgs.scoping import ScopedQuerySet


class OrganisationQuerySet(ScopedQuerySet):
    org_field = ""  # an organisation is scoped by its own path

    def current(self):
        """Units not abolished (or merged away): the only ones offered for new records."""
        return self.filter(abolished_on__isnull=True)


class Organisation(models.Model):
    """A node of the tree county → township → village.

    `path` ("/0000000001/0000000007/") makes subtree queries a prefix match that SQLite and
    PostgreSQL both index; it is built from ids so codes may change.
    """

    code = models.CharField(
        "统一代码",
        max_length=32,
        unique=True,
        help_text="统一社会信用代码或行政区划代码",
        error_messages={"unique": "该代码已被其他单位使用。"},
    )
    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # Where the unit came from in the national division list (fazhi.orgs.divisions); never
    # edited, so a second set-up run recognises a unit whatever its code or name became.
    division_code = models.CharField(
        "区划来源代码", max_length=32, blank=True, default="", editable=False
    )
    abolished_on = models.DateField("撤销日期", null=True, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="并入单位",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="merged_units",
    )
    history = HistoricalRecords(excluded_fields=["path"])  # derived from parent, not an edit

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=Level.values), name="organisation_level_valid"
            ),
            models.UniqueConstraint(
                fields=["division_code"],
                condition=~models.Q(division_code=""),
                name="organisation_division_code_unique",
                violation_error_message="该区划单位已经建立。",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        expected = PARENT_LEVEL[Level(self.level)] if self.level in Level.values else None
        if expected is None and self.parent_id is not None:
            raise ValidationError({"parent": f"{self.get_level_display()}不能有上级单位。"})
        if expected is not None:
            if self.parent is None:
                if self.level in ROOT_LEVELS:
                    return  # a county (or city) set up on its own
                raise ValidationError({"parent": "请选择上级单位。"})
            if self.parent.level != expected:
                raise ValidationError(
                    {"parent": f"{self.get_level_display()}的上级必须是{Level(expected).label}。"}
                )

    @property
    def is_abolished(self) -> bool:
        return self.abolished_on is not None

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to and including this node."""
        return [int(part) for part in self.path.strip("/").split("/") if part]


class Membership(models.Model):
    """A user's role at an organisation; it covers the organisation's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "任职"
        verbose_name_plural = "任职"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="membership_unique",
                violation_error_message="该用户在此单位已有这个角色。",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"

    def clean(self) -> None:
        allowed = ROLE_LEVELS.get(self.role, set())
        if self.organisation_id and self.organisation.level not in allowed:
            # From the county (as before provinces) down, then up to the province.
            order = [Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE, Level.CITY, Level.PROVINCE]
            levels = "、".join(level.label for level in order if level in allowed)
            raise ValidationError({"role": f"{self.get_role_display()}只能设在{levels}。"})
