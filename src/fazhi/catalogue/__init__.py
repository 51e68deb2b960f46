"""The indicator catalogue: every figure defined once (DESIGN.md §3.3).

Pure Python, no Django: the report checker, the dashboards and the report generator all read it.
"""

from fazhi.catalogue.loader import (
    CATALOGUE_PATH,
    Catalogue,
    CatalogueError,
    Indicator,
    load_catalogue,
)

__all__ = ["CATALOGUE_PATH", "Catalogue", "CatalogueError", "Indicator", "load_catalogue"]
