"""Organisations under a set of target organisations, with the targets each belongs to."""

from dataclasses import dataclass

from fazhi.orgs.models import Organisation
from fazhi.orgs.paths import PathIndex, under


@dataclass(frozen=True)
class SubtreeOrganisation:
    targets: list[int]  # the requested organisations it belongs to
    revision: int  # how often its records were written (stored figures' validity)


def subtree_of(targets, **filters) -> dict[int, SubtreeOrganisation]:
    """Every organisation under the targets (narrowed by `filters`), with the targets it
    belongs to and its revision."""
    index = PathIndex(targets)
    rows = (
        Organisation.objects.filter(under(targets), **filters)
        .order_by()
        .values_list("pk", "path", "figure_revision__revision")
    )
    return {
        org_id: SubtreeOrganisation(index.containing(path), revision or 0)
        for org_id, path, revision in rows
    }
