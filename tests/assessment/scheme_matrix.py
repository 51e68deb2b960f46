"""Permission matrix entries for the scheme pages (fazhi.assessment.scheme_urls).

Objects: county 甲县's scheme (own for every role of the world, all of whom work in 甲县) and
丙县's (other), made on first use. The county's inspector and administrator manage; its
townships' staff read the scheme (for the self-assessment) and nothing else; the village
advisor does not see it.
"""

from fazhi.assessment import schemes
from fazhi.assessment.scheme_io import YAML
from tests.assessment.scheme_docs import as_yaml, document
from tests.matrix_rules import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, Route, only

ARGS = {"scheme", "scheme_item", "scheme_category", "county"}
MANAGERS = ("inspector", "county_admin")
READERS = ("clerk", "leader", "reviewer", "admin", *MANAGERS)


def _managers_else_forbidden(role, kind):
    if role in MANAGERS:
        return OK
    return FORBIDDEN if role in READERS else NOT_FOUND


def _county_pages(role, kind):
    # Roles managing nothing anywhere are refused first; the township admin (who manages
    # elsewhere) does not find the county.
    if role in MANAGERS:
        return OK
    return NOT_FOUND if role == "admin" else FORBIDDEN


def _other_county(role, kind):
    return NOT_FOUND if role in (*MANAGERS, "admin") else FORBIDDEN


ENTRIES = {
    "schemes:list": Route(),
    "schemes:detail": Route(args="scheme", own=only(*READERS, otherwise=NOT_FOUND)),
    "schemes:export": Route(args="scheme", own=_managers_else_forbidden, kwargs={"fmt": "xlsx"}),
    "schemes:lock": Route(args="scheme", own=NOT_ALLOWED, other=NOT_ALLOWED),  # POST only
    "schemes:item_edit": Route(
        args="scheme_item",
        own=_managers_else_forbidden,
        post={
            "title": "全年学法不少于6次",
            "points": "1.5",
            "param_target": "6",
            "param_per_missing": "0.3",
            "param_cap": "1.2",
        },
    ),
    "schemes:category_edit": Route(
        args="scheme_category",
        own=_managers_else_forbidden,
        post={"name": "学法用法", "points": "6"},
    ),
    "schemes:copy": Route(args="county", own=_county_pages, other=_other_county),
    "schemes:import": Route(args="county", own=_county_pages, other=_other_county),
}


def _schemes(world):
    made = getattr(world, "_matrix_schemes", None)
    if made is None:
        made = {
            which: schemes.scheme_import(None, world.orgs[key], as_yaml(document()), YAML).scheme
            for which, key in (("own", "A"), ("other", "B"))
        }
        world._matrix_schemes = made
    return made


def requests(route, world, role):
    """(which, kind, URL kwargs) for a scheme route, own and other."""
    calls = []
    for which, key in (("own", "A"), ("other", "B")):
        if route.args == "county":
            kwargs = {"code": world.orgs[key].code}
        else:
            scheme = _schemes(world)[which]
            if route.args == "scheme_item":
                kwargs = {"pk": scheme.items.get(code="1.1").pk}
            elif route.args == "scheme_category":
                kwargs = {"pk": scheme.categories.get(name="学法用法").pk}
            else:
                kwargs = {"pk": scheme.pk}
        calls.append((which, None, {**kwargs, **(route.kwargs or {})}))
    return calls
