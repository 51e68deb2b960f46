"""The daily e-mail digest of a person's unread notifications: its wording, in Chinese."""

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

SITE_NAME = "法治政府建设工作平台"


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def link(url: str, site_url: str) -> str:
    """An absolute link where the site's address is known (FAZHI_SITE_URL), else the path."""
    return f"{site_url.rstrip('/')}{url}" if site_url and url.startswith("/") else url


def body(person, items, *, site_url: str = "") -> str:
    lines = [
        f"{person}，您好：",
        "",
        f"您在{SITE_NAME}有 {len(items)} 条尚未查看的通知：",
        "",
    ]
    for number, item in enumerate(items, start=1):
        lines.append(f"{number}. 【{item.kind_label}】{item.title}")
        facts = []
        if item.organisation_name:
            facts.append(f"单位：{item.organisation_name}")
        if item.due:
            facts.append(f"期限：{chinese_date(item.due)}")
        if facts:
            lines.append("   " + "　".join(facts))
        if item.detail:
            lines.append(f"   {item.detail}")
        lines.append(f"   办理：{link(item.url, site_url)}")
    lines += [
        "",
        f"全部通知：{link(reverse('notifications:list'), site_url)}",
        "不想再收到每日邮件，可在“通知设置”中关闭："
        + link(reverse("notifications:settings"), site_url),
        "",
        "（本邮件由系统自动发送，请勿回复。）",
    ]
    return "\n".join(lines)


def message(person, items, *, site_url: str = "") -> EmailMessage:
    today = timezone.localdate()
    return EmailMessage(
        subject=f"{SITE_NAME}：{today.month}月{today.day}日有 {len(items)} 条待办通知",
        body=body(person, items, site_url=site_url),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )


def reason(error: Exception) -> str:
    """Why a mail was not sent, in Chinese (the server's own words are kept after it)."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "邮件服务器拒绝了登录（请检查 FAZHI_EMAIL_USER 和 FAZHI_EMAIL_PASSWORD）"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "邮件服务器拒收该地址"
    if isinstance(error, smtplib.SMTPException):
        return f"邮件服务器拒绝发送（{error}）"
    return f"网络连接失败（{error}）"
