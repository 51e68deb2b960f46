"""One record (with one attachment) of every ledger kind in own and other organisations."""

import io
from dataclasses import dataclass, field
from datetime import date
from random import Random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from fazhi.ledgers.attachments import attachment_add
from fazhi.ledgers.registry import LedgerKind, all_kinds
from fazhi.ledgers.services import record_create
from fazhi.orgs.roles import Level

COUNTY_ROLES = {"inspector", "county_admin"}


def png_bytes(color=(200, 30, 30), size=(4, 4)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def sample_values(kind: LedgerKind, organisation, seed: int = 1) -> dict:
    """The first record the kind's demo generator makes for this organisation."""
    rng = Random(seed)
    return next(kind.demo(organisation, 2025, rng, date(2025, 12, 31)))


@dataclass
class LedgerWorld:
    records: dict = field(default_factory=dict)
    attachments: dict = field(default_factory=dict)

    @staticmethod
    def owner_for(kind: LedgerKind, role: str, which: str) -> str:
        village = kind.org_level == Level.VILLAGE
        if which == "own":
            return "A1V1" if village else "A1"
        if role in COUNTY_ROLES:
            return "B1V1" if village else "B1"
        return "A2V1" if village else "A2"


def build_ledger_world(world) -> LedgerWorld:
    ledger_world = LedgerWorld()
    for kind in all_kinds():
        owners = ["A1V1", "A2V1", "B1V1"] if kind.org_level == Level.VILLAGE else ["A1", "A2", "B1"]
        for owner in owners:
            organisation = world.orgs[owner]
            record = record_create(
                actor=None,
                kind=kind,
                organisation=organisation,
                data=sample_values(kind, organisation),
            )
            ledger_world.records[(kind.slug, owner)] = record
            upload = SimpleUploadedFile(f"{owner}.png", png_bytes(), content_type="image/png")
            ledger_world.attachments[(kind.slug, owner)] = attachment_add(
                actor=None, kind=kind, record=record, uploaded=upload, category="photo"
            )
    return ledger_world
