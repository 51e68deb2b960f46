"""`fazhi deadlines --digest`: everyone's notifications synced, and one e-mail a day to each person
who chose it, through a real SMTP server (aiosmtpd) started here."""

import email
import socket
from email import policy
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command

from fazhi.core.tasks import TaskKind
from fazhi.notifications import services
from fazhi.notifications.models import Notification
from tests.notifications.source import task


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's name)
        parsed = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A local SMTP server, and the settings that send to it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.FAZHI_EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.DEFAULT_FROM_EMAIL = "fazhi@example.gov.cn"
    settings.FAZHI_SITE_URL = "https://fazhi.example.gov.cn"
    yield inbox
    controller.stop()


def _digest() -> str:
    out = StringIO()
    call_command("deadlines", digest=True, stdout=out, stderr=StringIO())
    return out.getvalue()


def _opt_in(user, address):
    services.settings_save(user=user, email_digest=True, email=address)


def test_the_digest_mails_each_person_who_chose_it(world, fake_source, smtp):
    clerk, leader = world.users["clerk"], world.users["leader"]
    _opt_in(clerk, "clerk@example.gov.cn")
    services.settings_save(user=leader, email_digest=False, email="leader@example.gov.cn")
    fake_source.tasks["clerk"] = [task(1, TaskKind.OVERDUE), task(2, TaskKind.RETURNED, due=None)]
    fake_source.tasks["leader"] = [task(3)]
    output = _digest()
    assert "已发送邮件摘要 1 封，共 2 条通知。" in output
    assert len(smtp.messages) == 1
    sender, recipients, message = smtp.messages[0]
    assert sender == "fazhi@example.gov.cn"
    assert recipients == ["clerk@example.gov.cn"]
    assert message["To"] == "clerk@example.gov.cn"
    subject = str(message["Subject"]).strip()  # a folded header keeps its fold's space
    assert subject.startswith("法治政府建设工作平台：") and subject.endswith("日有 2 条待办通知")
    body = message.get_content()
    assert body.startswith("clerk，您好：")
    assert "1. 【已逾期】测试事项1号答复" in body
    assert "单位：甲镇　期限：2026年12月10日" in body
    assert "办理：https://fazhi.example.gov.cn/deadlines/?item=1" in body
    assert "2. 【被退回】测试事项2号答复" in body
    assert "https://fazhi.example.gov.cn/notifications/settings/" in body
    # The leader's notification was made (synced) but not mailed.
    assert Notification.objects.filter(user=leader, key="test:3:due", emailed_at=None).exists()


def test_a_second_run_sends_nothing_new(world, fake_source, smtp):
    clerk = world.users["clerk"]
    _opt_in(clerk, "clerk@example.gov.cn")
    fake_source.tasks["clerk"] = [task(1)]
    _digest()
    assert len(smtp.messages) == 1
    assert "已发送邮件摘要 0 封" in _digest()
    assert len(smtp.messages) == 1
    # A new event the next run: mailed alone.
    fake_source.tasks["clerk"].append(task(2))
    _digest()
    assert len(smtp.messages) == 2
    body = smtp.messages[1][2].get_content()
    assert "测试事项2号答复" in body and "测试事项1号答复" not in body


def test_read_and_resolved_notifications_are_not_mailed(world, fake_source, smtp):
    clerk = world.users["clerk"]
    _opt_in(clerk, "clerk@example.gov.cn")
    fake_source.tasks["clerk"] = [task(1), task(2)]
    services.sync_for(clerk)
    services.mark_all_read(user=clerk)
    fake_source.tasks["clerk"] = [task(3)]
    _digest()
    body = smtp.messages[0][2].get_content()
    assert "测试事项3号答复" in body
    assert "测试事项1号答复" not in body and "测试事项2号答复" not in body


def test_without_a_mail_server_it_syncs_and_says_so(world, fake_source, settings):
    settings.FAZHI_EMAIL_ENABLED = False
    _opt_in(world.users["clerk"], "clerk@example.gov.cn")
    fake_source.tasks["clerk"] = [task(1)]
    output = _digest()
    assert f"已为 {len(world.users)} 个在用账号更新通知。" in output
    assert "未配置邮件服务器（FAZHI_EMAIL_HOST），本次不发送邮件摘要。" in output
    made = Notification.objects.get(user=world.users["clerk"], key="test:1:due")
    assert made.emailed_at is None


def test_an_unreachable_server_is_reported_and_nothing_is_stamped(world, fake_source, settings):
    settings.FAZHI_EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nobody listens
    _opt_in(world.users["clerk"], "clerk@example.gov.cn")
    fake_source.tasks["clerk"] = [task(1)]
    err = StringIO()
    with pytest.raises(CommandError, match="1 封邮件未能发送"):
        call_command("deadlines", digest=True, stdout=StringIO(), stderr=err)
    assert "无法连接邮件服务器" in err.getvalue()
    assert Notification.objects.get(key="test:1:due").emailed_at is None


def test_the_command_needs_an_org_or_the_digest(db):
    with pytest.raises(CommandError, match="请用 --org 指定单位统一代码"):
        call_command("deadlines", stdout=StringIO())
