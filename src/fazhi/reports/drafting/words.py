"""How a township names itself and its heads, and how lists of names are written."""

from dataclasses import dataclass

from fazhi.reports.references import literal

MAX_NAMES = 5


@dataclass(frozen=True)
class Words:
    """How a 镇, a 乡 and a 街道 name themselves and their heads."""

    we: str
    secretary: str
    head: str

    @classmethod
    def of(cls, organisation) -> "Words":
        name = organisation.name
        if name.endswith("街道"):
            return cls("我街道", "党工委书记", "街道办事处主任")
        if name.endswith("乡"):
            return cls("我乡", "党委书记", "乡长")
        return cls("我镇", "党委书记", "镇长")

    def principal(self, key: str) -> str:
        """The title of a principal leader by the ledgers' key ("secretary" / "head")."""
        return {"secretary": self.secretary, "head": self.head}[key]


def names_list(
    items, *, quote: tuple[str, str] = ("", ""), organisation=None, total: int | None = None
) -> str:
    """Up to MAX_NAMES distinct items joined with 、, ending in "等" whenever the list shown is
    shorter than what it stands for (items left out, or `total` records behind it). With an
    organisation, items naming another place are left out, so the report never names one."""
    distinct = list(dict.fromkeys(item for item in items if item))
    kept = [
        item
        for item in distinct
        if organisation is None or not names_other_place(item, organisation)
    ]
    shown = kept[:MAX_NAMES]
    if not shown:
        return ""
    whole = max(len(distinct), total or 0)
    # Record text is data: its braces are written literally, never read as references.
    text = "、".join(f"{quote[0]}{literal(item)}{quote[1]}" for item in shown)
    return text + ("等" if whole > len(shown) else "")


def names_other_place(text: str, organisation) -> bool:
    """True when the text names a township or county other than the organisation's own (or
    reads like one: "实施集镇道路" holds "施集镇")."""
    from fazhi.checker.places import find_places, load_gazetteer
    from fazhi.checker.structure import squeeze

    gazetteer = load_gazetteer()
    own = {organisation.name} | gazetteer.ancestors(organisation.name)
    for mention in find_places(squeeze(text), gazetteer):
        name = mention.name
        if name in own or organisation.name.endswith(name) or name.endswith(organisation.name):
            continue
        return True
    return False
