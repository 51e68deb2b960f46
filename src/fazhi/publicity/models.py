from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

from fazhi.ledgers.models import LedgerRecord
from fazhi.publicity import theme_days
from fazhi.publicity.theme_days import WINDOW_DAYS


def _count(label: str, unit: str):
    """A non-negative count. A plain IntegerField, so forms and imports pass a negative number
    on to the services, which answer with this Chinese message."""
    return models.IntegerField(
        f"{label}（{unit}）",
        default=0,
        validators=[MinValueValidator(0, f"{label}不能为负数。")],
    )


def split_list(text: str) -> list[str]:
    return [item.strip() for item in text.replace("，", "、").split("、") if item.strip()]


class Activity(LedgerRecord):
    class Form(models.TextChoices):
        LECTURE = "lecture", "讲座"
        CAMPAIGN = "campaign", "集中宣传"
        DOOR_TO_DOOR = "door_to_door", "进村入户"
        PERFORMANCE = "performance", "文艺汇演"
        NIGHT_MARKET = "night_market", "法律夜市"
        ONLINE = "online", "线上推送"
        CONTEST = "contest", "知识竞赛"
        OTHER = "other", "其他"

    class Target(models.TextChoices):
        ORGANS = "organs", "法律进机关"
        SCHOOLS = "schools", "法律进学校"
        VILLAGES = "villages", "法律进乡村"
        COMMUNITIES = "communities", "法律进社区"
        ENTERPRISES = "enterprises", "法律进企业"
        HOSPITALS = "hospitals", "法律进医院"
        FAMILIES = "families", "法律进家庭"
        TEMPLES = "temples", "法律进寺院"
        UNITS = "units", "法律进单位"
        NETWORK = "network", "法律进网络"

    occurred_on = models.DateField("活动日期")
    form = models.CharField("活动形式", max_length=16, choices=Form.choices)
    target = models.CharField("法律“进”对象", max_length=16, choices=Target.choices)
    theme_day = models.CharField(
        "主题日",
        max_length=32,
        choices=theme_days.CHOICES,
        blank=True,
        default="",
        help_text=f"主题日活动须在该主题日前后 {WINDOW_DAYS} 天内举办（宣传月须在当月）",
    )
    title = models.CharField("活动名称", max_length=200)
    laws = models.CharField(
        "宣传的法律法规", max_length=300, blank=True, help_text="多部法律法规用“、”分隔"
    )
    materials = _count("发放宣传资料", "份")
    booklets = _count("发放宣传册", "册")
    banners = _count("悬挂横幅", "条")
    blackboards = _count("出黑板报", "期")
    audience = _count("受众", "人次")
    questions = _count("解答咨询", "人次")
    disputes = _count("现场化解纠纷", "件")

    class Meta(LedgerRecord.Meta):
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.title}"

    def law_list(self) -> list[str]:
        return split_list(self.laws)

    def clean(self) -> None:
        theme = theme_days.theme_day(self.theme_day)
        if theme is None or self.occurred_on is None:
            return
        if not theme.contains(self.occurred_on):
            where = "当月内" if theme.day is None else f"前后 {WINDOW_DAYS} 天内"
            raise ValidationError(
                {
                    "theme_day": f"{theme.label}的活动应在{where}举办"
                    f"（{theme.window_text(self.occurred_on.year)}），活动日期不在此范围。"
                }
            )


class Asset(LedgerRecord):
    class Type(models.TextChoices):
        SQUARE = "square", "普法广场"
        LIBRARY = "library", "法治图书室"
        CORRIDOR = "corridor", "宣传长廊"
        LED = "led", "LED屏"
        PARK = "park", "法治文化公园"
        WALL = "wall", "法治文化墙"
        BOARD = "board", "法治宣传栏"
        OTHER = "other", "其他"

    occurred_on = models.DateField("建成日期")
    asset_type = models.CharField("阵地类型", max_length=16, choices=Type.choices)
    name = models.CharField("阵地名称", max_length=100)
    cost = models.DecimalField(
        "投入金额（元）",
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0, "投入金额不能为负数。")],
    )
    location = models.CharField("位置", max_length=100, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "普法阵地"
        verbose_name_plural = "普法阵地"

    def __str__(self) -> str:
        return self.name


class Team(LedgerRecord):
    class Type(models.TextChoices):
        VOLUNTEERS = "volunteers", "普法志愿者队伍"
        PERFORMERS = "performers", "文艺宣传队"
        LECTURERS = "lecturers", "普法讲师团"
        LEGAL_SERVICE = "legal_service", "法律服务队"
        OTHER = "other", "其他"

    occurred_on = models.DateField("成立日期")
    name = models.CharField("队伍名称", max_length=100)
    team_type = models.CharField("队伍类型", max_length=16, choices=Type.choices)
    leader = models.CharField("负责人", max_length=50, blank=True)
    member_count = models.PositiveIntegerField(
        "队员人数", validators=[MinValueValidator(1, "队员人数至少为 1。")]
    )

    class Meta(LedgerRecord.Meta):
        verbose_name = "普法宣传队伍"
        verbose_name_plural = "普法宣传队伍"

    def __str__(self) -> str:
        return self.name


class TeamMember(LedgerRecord):
    """A member of a publicity team. The team is named as text: ledgers cannot link records."""

    class Role(models.TextChoices):
        CAPTAIN = "captain", "队长"
        DEPUTY = "deputy", "副队长"
        LECTURER = "lecturer", "宣讲员"
        MEMBER = "member", "队员"

    occurred_on = models.DateField("加入日期")
    team_name = models.CharField("所属队伍", max_length=100)
    name = models.CharField("姓名", max_length=50)
    role = models.CharField("队内职务", max_length=16, choices=Role.choices, default=Role.MEMBER)
    unit = models.CharField("工作单位", max_length=100, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "宣传队伍成员"
        verbose_name_plural = "宣传队伍成员"

    def __str__(self) -> str:
        return f"{self.team_name} {self.name}"


PHONE = RegexValidator(
    r"^(1\d{10}|0\d{2,3}-?\d{7,8})$", "联系方式应为 11 位手机号或带区号的固定电话。"
)


class LegalPerson(LedgerRecord):
    """A villager trained as 法律明白人 or 法律带头人 (the village's go-to person on the law)."""

    class Type(models.TextChoices):
        UNDERSTANDER = "understander", "法律明白人"
        LEADER = "leader", "法律带头人"

    class Identity(models.TextChoices):
        CADRE = "cadre", "村（社区）干部"
        GRID = "grid", "网格员"
        MEDIATOR = "mediator", "人民调解员"
        PARTY = "party", "党员"
        GROUP_HEAD = "group_head", "村民小组长"
        VILLAGER = "villager", "村民"

    occurred_on = models.DateField("培训日期")
    person_type = models.CharField("类别", max_length=16, choices=Type.choices)
    name = models.CharField("姓名", max_length=50)
    identity = models.CharField("身份", max_length=16, choices=Identity.choices, blank=True)
    contact = models.CharField("联系方式", max_length=20, blank=True, validators=[PHONE])

    class Meta(LedgerRecord.Meta):
        verbose_name = "法律明白人和带头人"
        verbose_name_plural = "法律明白人和带头人"

    def __str__(self) -> str:
        return f"{self.get_person_type_display()} {self.name}"


class DemonstrationVillage(LedgerRecord):
    class Level(models.TextChoices):
        COUNTY = "county", "县级"
        CITY = "city", "市级"
        PROVINCE = "province", "省级"
        NATIONAL = "national", "国家级"

    occurred_on = models.DateField("命名日期")
    level = models.CharField("命名级别", max_length=16, choices=Level.choices)
    award_year = models.PositiveSmallIntegerField("命名年度")
    title = models.CharField("称号", max_length=100)
    issuer = models.CharField("命名单位", max_length=100, blank=True)

    class Meta(LedgerRecord.Meta):
        verbose_name = "民主法治示范村"
        verbose_name_plural = "民主法治示范村"
        # The inherited index name would pass the 30-character limit for this class name.

    def __str__(self) -> str:
        return f"{self.award_year} {self.title}"

    def clean(self) -> None:
        if self.occurred_on and self.award_year and self.award_year != self.occurred_on.year:
            raise ValidationError({"award_year": "命名年度应与命名日期的年份一致。"})
