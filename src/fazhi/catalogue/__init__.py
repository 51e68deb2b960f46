"""The indicator catalogue: every figure defined once (DESIGN.md §3.3).

Pure Python, no Django: the report checker, the dashboards and the report generator all read it,
and the consistency rules between its figures (relations.yaml).
"""

from fazhi.catalogue.loader import (
    CATALOGUE_PATH,
    Catalogue,
    CatalogueError,
    Indicator,
    load_catalogue,
)
from fazhi.catalogue.relations import (
    RELATIONS_PATH,
    FullRate,
    Relations,
    Subset,
    load_relations,
)

__all__ = [
    "CATALOGUE_PATH",
    "RELATIONS_PATH",
    "Catalogue",
    "CatalogueError",
    "FullRate",
    "Indicator",
    "Relations",
    "Subset",
    "load_catalogue",
    "load_relations",
]
