"""The catalogue's indicators grouped by domain (the first part of the code), in catalogue
order, with the few key figures of each that the county comparison shows by default."""

from dataclasses import dataclass
from functools import cache

from fazhi.catalogue import load_catalogue
from fazhi.dashboards.cells import DOMAINS

OVERVIEW = ""  # the tab with one headline figure per domain


@dataclass(frozen=True)
class Domain:
    slug: str  # the code prefix, as in the URL (?domain=publicity)
    label: str
    codes: tuple[str, ...]
    key_codes: tuple[str, ...]  # the catalogue's key figures of the domain, else all of it


def prefix_of(code: str) -> str:
    return code.split(".", 1)[0]


@cache
def domains() -> tuple[Domain, ...]:
    catalogue = load_catalogue()
    grouped: dict[str, list] = {}
    for indicator in catalogue.indicators:
        grouped.setdefault(prefix_of(indicator.code), []).append(indicator)
    return tuple(
        Domain(
            slug=slug,
            label=DOMAINS.get(slug, slug),
            codes=tuple(item.code for item in items),
            key_codes=tuple(item.code for item in items if item.key)
            or tuple(item.code for item in items),
        )
        for slug, items in grouped.items()
    )


def domain_named(slug: str | None) -> Domain | None:
    return next((domain for domain in domains() if domain.slug == slug), None)


def headline_codes() -> list[str]:
    """The overview's columns: the first key figure of each domain that has key figures."""
    catalogue = load_catalogue()
    return [d.key_codes[0] for d in domains() if catalogue[d.key_codes[0]].key]


def in_catalogue_order(codes) -> list[str]:
    """Codes in catalogue order, so that each domain's columns stand together."""
    wanted = set(codes)
    return [item.code for item in load_catalogue().indicators if item.code in wanted]


def column_groups(codes: list[str]) -> list[tuple[Domain, int]]:
    """(domain, number of columns) for the header row over the indicator columns."""
    groups: list[tuple[Domain, int]] = []
    for code in codes:
        domain = domain_named(prefix_of(code))
        if groups and groups[-1][0] == domain:
            groups[-1] = (domain, groups[-1][1] + 1)
        else:
            groups.append((domain, 1))
    return groups
