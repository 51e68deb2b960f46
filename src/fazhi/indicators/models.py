"""Stored figures: each organisation's own figures per year, kept so that dashboards need not
aggregate a county's ledgers on every page view.

They are a cache with an exact validity rule: every write to a record owned by an organisation
moves that organisation's revision on (signals.py), and a stored row counts only while its
revision equals the organisation's. Figures that change with the date (overdue by today) are
never stored.
"""

from django.db import models

from fazhi.orgs.models import Organisation


class FigureRevision(models.Model):
    """How many times records owned by the organisation were written (only ever increases)."""

    append_only = True  # a counter, not a record: its history would only repeat the writes

    organisation = models.OneToOneField(
        Organisation,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="figure_revision",
    )
    revision = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "指标数据版本"
        verbose_name_plural = "指标数据版本"

    def __str__(self) -> str:
        return f"{self.organisation_id}@{self.revision}"


class StoredFigures(models.Model):
    """One organisation's own (not its subtree's) base figures for one year, as computed at a
    revision: {code: "value"}."""

    append_only = True  # derived data, recomputed from the ledgers at any time

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    revision = models.PositiveBigIntegerField()
    # The computations' fingerprint when computed: a changed definition of a figure (a new
    # release) makes every stored row stale, even where no record changed.
    definitions = models.CharField(max_length=64, default="")
    values = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "已计算指标"
        verbose_name_plural = "已计算指标"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="stored_figures_org_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}@{self.revision}"


class StoredRollup(models.Model):
    """A county's whole subtree's base figures for one year: the sum of its organisations' own
    stored figures, so that a page comparing a province's counties reads one row per county
    instead of every organisation's. Valid while the subtree has as many organisations with the
    same revisions summed (a write anywhere in it moves one of them on) under the same
    definitions; a change to the tree itself empties the table (rollups.py)."""

    append_only = True  # derived data, recomputed from the stored figures at any time

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    members = models.PositiveIntegerField()
    revisions = models.PositiveBigIntegerField()
    definitions = models.CharField(max_length=64)
    values = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "已汇总指标"
        verbose_name_plural = "已汇总指标"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="stored_rollup_org_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}: {self.members}@{self.revisions}"
