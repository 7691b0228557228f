"""Page-number pagination for list endpoints.

Not ninja's `@paginate`: the office list needs the page's rows before serialising them (to load
the branch counts of exactly those offices in one query), and a page past the end should say so
in Dutch. A page is always two queries: the count and the rows (plus the rows' prefetches).
"""

import math
from dataclasses import dataclass

from ninja.errors import HttpError

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .schemas import PageParams


@dataclass(frozen=True)
class Page:
    items: list
    count: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    def meta(self) -> dict:
        return {
            "count": self.count,
            "page": self.page,
            "pages": self.pages,
            "page_size": self.page_size,
        }


def page_of(queryset: QuerySet, params: PageParams) -> Page:
    """One page of an ordered queryset, or 404 for a page past the last one."""
    count = queryset.count()
    page = Page(items=[], count=count, page=params.page, page_size=params.page_size)
    if params.page > page.pages:
        raise HttpError(
            404,
            _("Pagina %(page)s bestaat niet; er zijn %(pages)s pagina's.")
            % {"page": params.page, "pages": page.pages},
        )
    start = (params.page - 1) * params.page_size
    items = list(queryset[start : start + params.page_size])
    return Page(items=items, count=count, page=params.page, page_size=params.page_size)
