"""The report text as people edit it: figures named in Chinese, never by code.

Stored text keeps references (`{study.sessions}`, `{study.sessions@prev}`,
`{study.sessions@change}`, see references.py). The editor shows the same text with each
reference written by the indicator's catalogue name: `{学法活动}`, `{学法活动·上年}`,
`{学法活动·较上年}`; literal braces stay `{{` / `}}` in both. `to_display` and `to_stored` are
inverse for every valid stored text, so what a person saves is the stored reference underneath.
Errors name what the person wrote, in Chinese; a code-like slip is described by where it is.
"""

import functools
import re

from django.core.exceptions import ValidationError

from fazhi.catalogue import Indicator, load_catalogue
from fazhi.reports.references import CODE, LITERAL, TOKEN

# In the editor a name may hold any character but braces and line breaks.
DISPLAY_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")
SEPARATORS = "·•・@＠"
SUFFIX = {"": "", "prev": "上年", "change": "较上年"}
MODIFIER_WORDS = {
    "": "",
    "上年": "prev",
    "上年数": "prev",
    "去年": "prev",
    "prev": "prev",
    "较上年": "change",
    "较上年增减": "change",
    "同比": "change",
    "增减": "change",
    "change": "change",
}
UNKNOWN = "无法识别的数字"
UNPAIRED = "正文中有不成对的花括号“{”或“}”：数字请用“插入数字”插入；花括号本身请写成“{{”或“}}”。"


def display_token(code: str, modifier: str = "") -> str:
    """`{学法活动}` / `{学法活动·上年}` / `{学法活动·较上年}`."""
    suffix = SUFFIX[modifier]
    return "{" + load_catalogue()[code].name + (f"·{suffix}" if suffix else "") + "}"


def to_display(stored: str) -> str:
    """Stored text with each reference written by its indicator's name."""
    catalogue = load_catalogue()
    pieces, position, stored = [], 0, stored or ""
    for match in TOKEN.finditer(stored):
        pieces.append(stored[position : match.start()])
        position = match.end()
        inner = match.group(1)
        parsed = CODE.match(inner) if inner is not None else None
        if inner is None:  # "{{", "}}" or an unpaired brace: as it is
            pieces.append(match.group(0))
        elif parsed and parsed.group(1) in catalogue:
            pieces.append(display_token(parsed.group(1), parsed.group(2) or ""))
        else:
            pieces.append("{" + UNKNOWN + "}")
    pieces.append(stored[position:])
    return "".join(pieces)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


@functools.cache
def _by_name() -> dict[str, list[Indicator]]:
    """Exact names first; a synonym names an indicator only when it names no other."""
    catalogue = load_catalogue()
    names = {_key(item.name): [item] for item in catalogue.indicators}
    synonyms: dict[str, list[Indicator]] = {}
    for item in catalogue.indicators:
        for synonym in item.synonyms:
            if "*" not in synonym and item not in synonyms.setdefault(_key(synonym), []):
                synonyms[_key(synonym)].append(item)
    return {**synonyms, **names}


def _before(text: str, start: int) -> str:
    """Where a slip is, by the text before it (earlier code-like slips left out)."""
    prefix = re.sub(
        r"\{[^{}\n]*\}",
        lambda match: "…" if re.search(r"[A-Za-z]", match.group(0)) else match.group(0),
        text[:start],
    )
    context = prefix[-16:].replace("\n", " ").strip()
    return f"“{context}”之后" if context else "正文开头"


def _resolve(inner: str, display: str, start: int) -> str:
    """The stored reference for what the person wrote between braces."""
    written = inner.strip()
    name, modifier_word = written, ""
    for separator in SEPARATORS:
        if separator in written:
            name, modifier_word = (part.strip() for part in written.rsplit(separator, 1))
            break
    catalogue = load_catalogue()
    if re.search(r"[A-Za-z]", name) and name not in catalogue:
        raise ValidationError(
            f"{_before(display, start)}有一处数字引用无法识别：请删除它，再用“插入数字”重新插入。"
        )
    # A code typed by someone who knows them is accepted (and shown by its name next time).
    found = [catalogue[name]] if name in catalogue else _by_name().get(_key(name), [])
    if not found:
        raise ValidationError(
            f"“{{{written}}}”不是指标目录中的数字名称：请用“插入数字”搜索后插入。"
        )
    if len(found) > 1:
        names = "、".join(f"“{item.name}”" for item in found)
        raise ValidationError(f"“{{{written}}}”可以指{names}：请用“插入数字”选择其中一个。")
    modifier = MODIFIER_WORDS.get(_key(modifier_word))
    if modifier is None:
        raise ValidationError(
            f"“{found[0].name}”之后的“{modifier_word}”无法识别：本年数不加后缀，"
            "上年数写“·上年”，与上年相比的增减写“·较上年”。"
        )
    return "{" + found[0].code + (f"@{modifier}" if modifier else "") + "}"


def to_stored(display: str) -> str:
    """The text as stored; a Chinese ValidationError lists every reference it cannot read."""
    pieces, errors, position, display = [], [], 0, display or ""
    for match in DISPLAY_TOKEN.finditer(display):
        pieces.append(display[position : match.start()])
        position = match.end()
        token = match.group(0)
        if token in LITERAL:
            pieces.append(token)
        elif token in "{}":
            errors.append(UNPAIRED)
        else:
            try:
                pieces.append(_resolve(match.group(1), display, match.start()))
            except ValidationError as error:
                errors.extend(error.messages)
    pieces.append(display[position:])
    if errors:
        raise ValidationError(list(dict.fromkeys(errors)))
    return "".join(pieces)
