"""Findings and rectifications for supervision tests, made through the services."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.supervision import services
from fazhi.supervision.models import Finding, Source

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FOUND = date(2026, 3, 2)
DUE = date(2026, 4, 30)


def pdf(name="整改佐证.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def finding(organisation, *, actor=None, title="督察发现的问题", ref="", year=2026, **kwargs):
    """A finding of a visit (or of `ref` when given), made once per organisation and ref."""
    if ref:
        existing = Finding.objects.filter(organisation=organisation, source_ref=ref).first()
        if existing:
            return existing
    return services.finding_open(
        actor,
        organisation,
        year=year,
        source=kwargs.pop("source", Source.CHECKER if ref else Source.VISIT),
        title=title,
        rectify_by=kwargs.pop("rectify_by", DUE),
        found_on=kwargs.pop("found_on", FOUND),
        source_ref=ref,
        **kwargs,
    )


def rectified(organisation, *, ref="matrix-rectified", with_file=True):
    """A finding with a rectification (and its evidence file) waiting for 销号."""
    item = finding(organisation, ref=ref)
    if item.state == "open":
        services.rectification_submit(
            None,
            item,
            "已整改",
            date(2026, 3, 20),
            pdf() if with_file else None,
            today=date(2026, 3, 21),
        )
        item.refresh_from_db()
    return item
