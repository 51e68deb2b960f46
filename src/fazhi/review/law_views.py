"""The law library pages (法律法规库): search by name, short name or article text, and a law's
page with every article anchored (#a39) so a citation can link to its article."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

import fazhi.lawbook as lawbook
from fazhi.lawbook import picker
from fazhi.lawbook.names import article_number
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability

NO_ROLE = "您的账号尚未分配角色。"
MAX_QUERY = 50
MAX_HITS = 50
SNIPPETS = 3


@require_GET
def law_search(request):
    require_capability(request.user, Capability.VIEW, NO_ROLE)
    query = request.GET.get("q", "").strip()[:MAX_QUERY].replace("\x00", "")
    in_text = request.GET.get("text") == "1"
    hits = lawbook.search(query, in_text=in_text, limit=MAX_HITS) if query else []
    rows = [
        {
            "record": hit.record,
            "status": lawbook.STATUS_NAMES.get(hit.record["status"], ""),
            "articles": [
                {"label": label, "anchor": article_number(label), "text": text}
                for label, text in hit.articles[:SNIPPETS]
            ],
            "more": max(len(hit.articles) - SNIPPETS, 0),
        }
        for hit in hits
    ]
    context = {
        "query": query,
        "in_text": in_text,
        "rows": rows,
        "as_of": lawbook.catalogue_date(),
        "limit": MAX_HITS,
    }
    return render(request, "review/laws.html", context)


@require_GET
def law_detail(request, name):
    require_capability(request.user, Capability.VIEW, NO_ROLE)
    record = lawbook.entry(name)
    if record is None:
        raise Http404("法律法规库中没有这部法律法规。")
    articles = [
        {"label": label, "anchor": article_number(label), "text": text}
        for label, text in lawbook.articles(record)
    ]
    context = {
        "record": record,
        "status": lawbook.STATUS_NAMES.get(record["status"], ""),
        "articles": articles,
        "as_of": lawbook.catalogue_date(),
    }
    return render(request, "review/law.html", context)


@require_GET
def law_names(request):
    """The <option>s of a citation field's picker (fazhi.ledgers.citations) for what was typed."""
    require_capability(request.user, Capability.VIEW, NO_ROLE)
    query = request.GET.get("q", "").strip()[:MAX_QUERY].replace("\x00", "")
    return render(request, "review/_law_options.html", {"names": picker.names(query)})
