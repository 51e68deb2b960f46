"""fonts/fonts.conf, the fontconfig file of the PDF conversion: each 公文 font name is drawn with
an open font in its Simplified Chinese face, whatever weight fontconfig is asked for.

Needs fc-match and the fonts of scripts/install-system-deps.sh; skipped without them locally,
failed under CI=true.
"""

import shutil
import subprocess

import pytest

from fazhi.reports.pdf import FONTS_CONF, font_environment
from tests.conftest import require

OPEN_FONTS = ("Noto Serif CJK SC:style=Light", "Noto Sans CJK SC:style=Medium", "LXGW WenKai")


def _match(pattern: str) -> tuple[str, str]:
    """The family and style fontconfig gives for a pattern under fonts.conf (the family name
    tells the face: Noto CJK's SC face is "Noto Serif CJK SC", its Japanese one "… JP")."""
    fc_match, fc_list = shutil.which("fc-match"), shutil.which("fc-list")
    require(fc_match is not None and fc_list is not None, "fontconfig is not installed")
    require(bool(font_environment()), "no system fontconfig configuration (/etc/fonts/fonts.conf)")
    for font in OPEN_FONTS:
        found = subprocess.run([fc_list, font, "family"], capture_output=True, timeout=30)
        require(bool(found.stdout.strip()), f"{font} is not installed (install-system-deps.sh)")
    completed = subprocess.run(
        [fc_match, "--format", "%{family[0]}|%{style[0]}", pattern],
        capture_output=True,
        timeout=30,
        check=True,
        env={"FONTCONFIG_FILE": str(FONTS_CONF), "PATH": "/usr/bin:/bin"},
    )
    family, style = completed.stdout.decode("utf-8").split("|", 1)
    return family, style


REGULAR, BOLD = 80, 200  # fontconfig weights LibreOffice asks for


@pytest.mark.parametrize(
    ("name", "weight", "family", "style"),
    [
        ("仿宋_GB2312", REGULAR, "Noto Serif CJK SC", "Light"),
        ("仿宋_GB2312", BOLD, "Noto Serif CJK SC", "Bold"),  # the bold "1." headings
        ("FangSong", REGULAR, "Noto Serif CJK SC", "Light"),
        ("楷体_GB2312", REGULAR, "LXGW WenKai", "Regular"),
        ("KaiTi", REGULAR, "LXGW WenKai", "Regular"),
        ("黑体", REGULAR, "Noto Sans CJK SC", "Medium"),
        ("SimHei", REGULAR, "Noto Sans CJK SC", "Medium"),
        ("方正小标宋简体", REGULAR, "Noto Serif CJK SC", "Bold"),
        ("宋体", REGULAR, "Noto Serif CJK SC", "Regular"),
    ],
)
def test_official_font_names_map_to_open_simplified_chinese_fonts(name, weight, family, style):
    assert _match(f"{name}:weight={weight}") == (family, style)


def test_unnamed_chinese_text_falls_back_to_simplified_forms():
    assert _match("sans-serif")[0] == "Noto Sans CJK SC"
    # Not JP, KR or TC (nor DejaVu): every request is marked zh-cn.
    assert _match("serif")[0] == "Noto Serif CJK SC"
