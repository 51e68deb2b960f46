"""Subtrees by path: `path` is each ancestor's zero-padded id in turn, so an organisation's
subtree is every path that starts with its own."""

from functools import reduce
from operator import or_

from django.db.models import Q


class PathIndex:
    """Which of some organisations a path lies under: a dictionary lookup per distinct path
    length instead of a prefix test per organisation (a province has thousands)."""

    def __init__(self, organisations):
        self._by_path = {organisation.path: organisation.pk for organisation in organisations}
        self._lengths = sorted({len(path) for path in self._by_path})

    def containing(self, path: str) -> list[int]:
        """The ids of the organisations whose subtree holds `path`, the widest first."""
        found = []
        for length in self._lengths:
            if length > len(path):
                break
            org_id = self._by_path.get(path[:length])
            if org_id is not None:
                found.append(org_id)
        return found


def under_paths(paths, lookup: str = "path") -> Q:
    """Rows whose `lookup` lies under any of `paths` (a prefix match; no path: no row)."""
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{lookup}__startswith": path}) for path in sorted(set(paths))))


def under(organisations, lookup: str = "path") -> Q:
    """Rows in the subtree of any of `organisations` (a prefix match on `lookup`)."""
    return under_paths([organisation.path for organisation in organisations], lookup)
