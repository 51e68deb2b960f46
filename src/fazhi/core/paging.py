"""Pages of a long list read the way a deep page stays cheap: first the page's primary keys in
the list's order (an index serves them without reading a row), then only those rows. A plain
OFFSET reads every row before the page and throws it away — on PostgreSQL 72,000 heap reads for
the last page of a county's publicity ledger (bench/api_list.py)."""

from django.core.paginator import Paginator


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
