"""Documents reports cite that LawRefBook/Laws lacks, added by hand, each with its source.

Plans carry their period (`period`): a 纲要/规划 whose last year is before the report year is
outdated. Repeal dates the collection does not record are given here with the repealing act.
"""

from __future__ import annotations

ADDED = [
    {
        "name": "法治政府建设实施纲要（2015—2020年）",
        "short": [],
        "level": "党内法规和规范性文件",
        "category": "法治建设规划",
        "published": "2015-12-27",
        "period": [2015, 2020],
        "replaced_by": "法治政府建设实施纲要（2021—2025年）",
        "source": "中共中央 国务院印发，中发〔2015〕36号",
    },
    {
        "name": "法治政府建设实施纲要（2021—2025年）",
        "short": ["法治政府建设实施纲要"],
        "level": "党内法规和规范性文件",
        "category": "法治建设规划",
        "published": "2021-08-11",
        "period": [2021, 2025],
        "source": "中共中央 国务院印发（新华社 2021-08-11 电）",
    },
    {
        "name": "法治中国建设规划（2020—2025年）",
        "short": ["法治中国建设规划"],
        "level": "党内法规和规范性文件",
        "category": "法治建设规划",
        "published": "2021-01-10",
        "period": [2020, 2025],
        "source": "中共中央印发（2021-01-10）",
    },
    {
        "name": "法治社会建设实施纲要（2020—2025年）",
        "short": ["法治社会建设实施纲要"],
        "level": "党内法规和规范性文件",
        "category": "法治建设规划",
        "published": "2020-12-07",
        "period": [2020, 2025],
        "source": "中共中央印发（2020-12-07）",
    },
    {
        "name": "法治政府建设与责任落实督察工作规定",
        "short": [],
        "level": "党内法规和规范性文件",
        "category": "法治建设督察",
        "published": "2019-05-06",
        "valid_from": "2019-04-15",
        "articles": 35,  # 六章35条 (REGULATIONS.md §1, second-hand R10)
        "source": "中共中央办公厅 国务院办公厅印发，厅字〔2019〕28号（新华社 2019-05-06 电）",
    },
    {
        "name": "党政主要负责人履行推进法治建设第一责任人职责规定",
        "short": ["党政主要负责人履行推进法治建设第一责任人职责的规定"],
        "level": "党内法规和规范性文件",
        "category": "法治建设督察",
        "published": "2016-12-14",
        "source": "中共中央办公厅 国务院办公厅印发（新华社 2016-12-14 电）",
    },
    {
        "name": "中央宣传部、司法部关于在公民中开展法治宣传教育的第七个五年规划（2016—2020年）",
        "short": [
            "七五普法规划",
            "关于在公民中开展法治宣传教育的第七个五年规划（2016—2020年）",
            "法治宣传教育第七个五年规划（2016—2020年）",
        ],
        "level": "党内法规和规范性文件",
        "category": "普法规划",
        "published": "2016-04-17",
        "period": [2016, 2020],
        "replaced_by": "中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021—2025年）",
        "source": "中共中央 国务院转发（2016-04-17）",
    },
    {
        "name": "中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021—2025年）",
        "short": [
            "八五普法规划",
            "关于开展法治宣传教育的第八个五年规划（2021—2025年）",
            "法治宣传教育第八个五年规划（2021—2025年）",
        ],
        "level": "党内法规和规范性文件",
        "category": "普法规划",
        "published": "2021-06-15",
        "period": [2021, 2025],
        "source": "中共中央 国务院转发（2021-06-15）",
    },
    {
        "name": "习近平法治思想学习纲要",
        "short": [],
        "level": "图书",
        "category": "学习读本",
        "published": "2021-12-01",
        "source": "中央全面依法治国委员会办公室编，人民出版社、学习出版社 2021 年出版",
    },
]

# Laws repealed by the Civil Code (民法典第一千二百六十条), absent from the collection.
CIVIL_CODE_REPEALED = ["婚姻法", "继承法", "民法通则", "收养法", "担保法", "合同法", "物权法",
                       "侵权责任法", "民法总则"]  # fmt: skip
for _name in CIVIL_CODE_REPEALED:
    ADDED.append(
        {
            "name": _name,
            "full": "中华人民共和国" + _name,
            "short": [],
            "level": "法律",
            "category": "民法商法",
            "status": "repealed",
            "repealed_on": "2021-01-01",
            "replaced_by": "民法典",
            "source": "《中华人民共和国民法典》第一千二百六十条：本法自2021年1月1日起施行，"
            "上述法律同时废止",
        }
    )

# Repeal dates and replacements for laws the collection has (it marks them expired, no date).
REPEALS = {
    "信访条例": ("2022-05-01", "信访工作条例", "《信访工作条例》（2022-05-01 施行）取代"),
    "环境噪声污染防治法": (
        "2022-06-05",
        "噪声污染防治法",
        "《中华人民共和国噪声污染防治法》第九十条：原《环境噪声污染防治法》同时废止",
    ),
    "疫苗流通和预防接种管理条例": (
        "2019-12-01",
        "疫苗管理法",
        "《中华人民共和国疫苗管理法》自2019年12月1日起施行",
    ),
    "卖淫嫖娼人员收容教育办法": (
        "2019-12-29",
        None,
        "全国人民代表大会常务委员会关于废止有关收容教育法律规定和制度的决定（2019-12-28）",
    ),
}

# Customary short names reports use that are not the name minus 中华人民共和国.
ALIASES = {
    "保密法": "保守国家秘密法",
    "环保法": "环境保护法",
    "消法": "消费者权益保护法",
    "反恐法": "反恐怖主义法",
    "网安法": "网络安全法",
    "个保法": "个人信息保护法",
    "行诉法": "行政诉讼法",
    "民诉法": "民事诉讼法",
    "刑诉法": "刑事诉讼法",
    "道交法": "道路交通安全法",
    "治安处罚法": "治安管理处罚法",
    "国安法": "国家安全法",
    "政府信息公开条例": "政府信息公开条例",
}
