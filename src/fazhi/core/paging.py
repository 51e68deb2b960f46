"""Pages of a long list read the way a deep page stays cheap: first the page's primary keys in
the list's order (an index serves them without reading a row), then only those rows. A plain
OFFSET reads every row before the page and throws it away — on PostgreSQL 72,000 heap reads for
the last page of a county's publicity ledger (bench/api_list.py)."""

from django.core.paginator import EmptyPage, Paginator
from django.utils.functional import cached_property


class KeysFirstPaginator(Paginator):
    """Django's Paginator with the page's rows fetched by primary key; the object list must be
    an ordered QuerySet (the rows come back in its order, with its select/prefetch_related)."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(self.object_list.filter(pk__in=keys), number, self)


class BoundedCountPaginator(KeysFirstPaginator):
    """KeysFirstPaginator that counts only as far as it must: up to `cap` rows, or to the end
    of the page asked for (`number`, as given to get_page) if that lies further, plus one row
    to know whether more follow. Fewer rows than that: the exact total (`exact`). More: `count`
    is that bound, every page within it is full, and pages say "N+" — a county-wide list or a
    search never counts a whole table to show page 1, and the same queries serve every page.
    A page past the end (or below 1) counts every row to find the last page, which it shows,
    as Django's get_page does."""

    def __init__(self, object_list, per_page, *, number=1, cap=1000, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1
        # One row past the page (and its orphans) tells that the page is not the last.
        self.limit = max(cap, wanted * per_page + self.orphans + 1) + 1 if wanted >= 1 else None

    @cached_property
    def count(self):
        if self.limit is None:
            return super().count
        # No ORDER BY: whichever index finds the rows counts them.
        found = self.object_list.order_by().values("pk")[: self.limit].count()
        self.bounded = found == self.limit
        return found - 1 if self.bounded else found

    bounded = False

    @property
    def exact(self) -> bool:
        """Whether `count` is the total (False: at least that many)."""
        return self.count is not None and not self.bounded

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            if self.exact:
                raise
            # Beyond the bound (a page number larger than asked for): count every row.
            self.limit, self.bounded = None, False
            for name in ("count", "num_pages"):
                self.__dict__.pop(name, None)
            return super().validate_number(number)
