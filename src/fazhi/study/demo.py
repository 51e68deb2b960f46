"""Plausible study records for a demo township, deterministic for a given seed.

The township's profile (fazhi.orgs.demo_profiles) sets how regularly it studies, whether it
trained its enforcement officers at all, and how many people sit the exams.
"""

from datetime import date, timedelta

from fazhi.orgs.demo_profiles import ENFORCEMENT_TRAINING, profile_of

LAWS = [
    "宪法",
    "民法典",
    "行政处罚法",
    "行政许可法",
    "行政复议法",
    "信访工作条例",
    "土地管理法",
    "安全生产法",
    "消防法",
    "乡村振兴促进法",
    "反有组织犯罪法",
    "法律援助法",
    "生态环境保护法",
]
TOPICS = {
    "central_group": ["习近平法治思想专题学习", "学习{law}", "学习贯彻{law}", "学习新修订的{law}"],
    "pre_meeting": ["党委会会前学法：{law}", "政府常务会会前学法：{law}"],
    "collective": ["机关干部集中学习{law}", "村（社区）干部学法培训：{law}"],
    "lecture": ["{law}专题讲座", "依法行政专题讲座", "法治政府建设专题讲座"],
    "enforcement_training": ["综合行政执法业务培训", "行政执法三项制度培训", "{law}执法实务培训"],
}
PRESENTERS = ["党委书记", "镇长", "司法所所长", "法律顾问", "县司法局讲师", "综合执法队队长"]
COUNTS = {
    "central_group": 6,
    "pre_meeting": 10,
    "collective": 5,
    "lecture": 3,
    "enforcement_training": 3,
}


def _day_in(year: int, rng, last_day: date) -> date:
    start = date(year, 1, 5)
    span = max((min(date(year, 12, 28), last_day) - start).days, 0)
    return start + timedelta(days=rng.randint(0, span))


def study_sessions(organisation, year: int, rng, last_day: date):
    profile = profile_of(organisation)
    for session_type, count in COUNTS.items():
        count = profile.scaled(count + rng.randint(0, 3), "study", year, by="rhythm")
        if session_type == ENFORCEMENT_TRAINING and profile.skips(ENFORCEMENT_TRAINING, year):
            count = 0
        for _ in range(count):
            day = _day_in(year, rng, last_day)
            if day > last_day:
                continue
            law = rng.choice(LAWS)
            laws = "、".join(sorted({law, rng.choice(LAWS)}))
            led_by = ""
            if session_type == "central_group":
                led_by = "secretary"
            elif session_type == "pre_meeting":
                led_by = rng.choice(["secretary", "head", "head"])
            yield {
                "occurred_on": day,
                "session_type": session_type,
                "topic": rng.choice(TOPICS[session_type]).format(law=law),
                "laws": laws,
                "presenter": rng.choice(PRESENTERS),
                "led_by": led_by,
                "attendees": round(rng.randint(12, 80) * profile.size),
                "hours": rng.choice([1, 1.5, 2, 2, 3]),
            }


def exams(organisation, year: int, rng, last_day: date):
    profile = profile_of(organisation)
    plan = [
        ("publicity", "年度国家工作人员学法考试"),
        ("online", "法宣在线年度学法考试"),
        ("enforcement", "行政执法人员法律知识考试"),
        ("literacy", "领导干部法治素养测试"),
    ]
    if profile.rhythm("study", year) < 0.75:
        plan = plan[:3]  # a township that studies little holds no 法治素养测试
    for exam_type, name in plan:
        day = _day_in(year, rng, last_day)
        if day > last_day:
            continue
        participants = round(rng.randint(20, 120) * profile.size)
        yield {
            "occurred_on": day,
            "exam_type": exam_type,
            "name": f"{year}年{name}",
            "participants": participants,
            "passed": participants - rng.randint(0, max(1, participants // 15)),
        }
