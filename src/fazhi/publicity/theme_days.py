"""The maintained list of publicity theme days (普法主题日), kept as data in one place.

A fixed-date day counts activities held within WINDOW_DAYS days before or after it (so a 3·15
campaign on the weekend before still counts); a month-long theme (民法典宣传月) counts the whole
month. Every window lies inside its calendar year, so an activity is judged against the theme day
of its own year.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

WINDOW_DAYS = 7


@dataclass(frozen=True)
class ThemeDay:
    key: str  # stored in records; never change a key once used
    name: str
    month: int
    day: int | None = None  # None: the whole month

    @property
    def label(self) -> str:
        if self.day is None:
            return f"{self.month}月 {self.name}"
        return f"{self.month}·{self.day} {self.name}"

    def window(self, year: int) -> tuple[date, date]:
        """First and last day on which an activity counts for this theme day in `year`."""
        if self.day is None:
            last = calendar.monthrange(year, self.month)[1]
            return date(year, self.month, 1), date(year, self.month, last)
        centre = date(year, self.month, self.day)
        return centre - timedelta(days=WINDOW_DAYS), centre + timedelta(days=WINDOW_DAYS)

    def contains(self, day: date) -> bool:
        start, end = self.window(day.year)
        return start <= day <= end

    def window_text(self, year: int) -> str:
        start, end = self.window(year)
        return f"{start.month}月{start.day}日至{end.month}月{end.day}日"


THEME_DAYS: tuple[ThemeDay, ...] = (
    ThemeDay("lei_feng", "学雷锋纪念日", 3, 5),
    ThemeDay("womens_day", "国际妇女节", 3, 8),
    ThemeDay("consumer_rights", "国际消费者权益日", 3, 15),
    ThemeDay("national_security", "全民国家安全教育日", 4, 15),
    ThemeDay("civil_code_month", "民法典宣传月", 5),
    ThemeDay("disaster_prevention", "全国防灾减灾日", 5, 12),
    ThemeDay("anti_drug", "国际禁毒日", 6, 26),
    ThemeDay("fire_safety", "全国消防日", 11, 9),
    ThemeDay("traffic_safety", "全国交通安全日", 12, 2),
    ThemeDay("constitution", "国家宪法日", 12, 4),
)
BY_KEY = {theme.key: theme for theme in THEME_DAYS}
CHOICES = [(theme.key, theme.label) for theme in THEME_DAYS]


def theme_day(key: str) -> ThemeDay | None:
    return BY_KEY.get(key)
