"""The notification list, its links, 全部标为已读, the navigation's badge and the settings page."""

from django.urls import reverse

from fazhi.core.tasks import TaskKind
from fazhi.notifications import services
from fazhi.notifications.models import Notification, NotificationSettings
from tests.inline_code import inline_code
from tests.notifications.source import task

LIST = "/notifications/"


def _page(client, url=LIST) -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert inline_code(html) == []
    return html


def test_opening_the_list_makes_the_notifications_unread_first(client, world, fake_source):
    clerk = world.users["clerk"]
    fake_source.tasks["clerk"] = [task(1, TaskKind.OVERDUE), task(2)]
    services.sync_for(clerk)
    services.mark_read(user=clerk, pk=Notification.objects.get(user=clerk, key="test:1:overdue").pk)
    fake_source.tasks["clerk"].append(task(3, TaskKind.RETURNED))  # made when the list opens
    client.force_login(clerk)
    html = _page(client)
    assert 'data-testid="unread-total">未读 2<' in html
    # Unread first (item 3 and item 2), the read one after.
    positions = [html.index(f"测试事项{n}号答复") for n in (3, 2, 1)]
    assert positions[2] > positions[0] and positions[2] > positions[1]
    assert html.count('data-testid="notification-unread"') == 2
    assert "被退回" in html and "已逾期" in html and "期限 2026-12-10" in html
    item3 = Notification.objects.get(user=clerk, key="test:3:returned")
    assert f'href="{reverse("notifications:open", args=[item3.pk])}"' in html
    assert "全部标为已读" in html


def test_the_link_marks_read_and_goes_to_the_page(client, world, fake_source):
    clerk = world.users["clerk"]
    fake_source.tasks["clerk"] = [task(7)]
    services.sync_for(clerk)
    notification = Notification.objects.get(user=clerk, key="test:7:due")
    client.force_login(clerk)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/deadlines/?item=7"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_to_another_site_goes_to_the_list_instead(client, world):
    clerk = world.users["clerk"]
    bad = Notification.objects.create(
        user=clerk, key="x", kind="due", title="外链", url="//evil.example/"
    )
    client.force_login(clerk)
    response = client.get(reverse("notifications:open", args=[bad.pk]))
    assert response["Location"] == LIST


def test_another_persons_notification_is_not_found(client, world, fake_source):
    fake_source.tasks["leader"] = [task(1)]
    services.sync_for(world.users["leader"])
    theirs = Notification.objects.get(user=world.users["leader"], key="test:1:due")
    client.force_login(world.users["clerk"])
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "测试事项1号答复" not in _page(client)


def test_mark_all_read(client, world, fake_source):
    clerk = world.users["clerk"]
    fake_source.tasks["clerk"] = [task(1), task(2)]
    fake_source.tasks["leader"] = [task(1)]
    services.sync_for(world.users["leader"])
    client.force_login(clerk)
    _page(client)
    response = client.post(reverse("notifications:read_all"), follow=True)
    html = response.content.decode()
    assert "已将 2 条通知标为已读。" in html
    assert 'data-testid="notification-unread"' not in html
    assert Notification.objects.filter(user=clerk, read_at__isnull=True).count() == 0
    # The leader's are untouched.
    leaders = Notification.objects.filter(user=world.users["leader"], read_at__isnull=True)
    assert leaders.count() == 1
    assert client.get(reverse("notifications:read_all")).status_code == 405


def test_empty_list_says_so(client, world):
    client.force_login(world.users["reviewer"])
    html = _page(client)
    assert "暂时没有通知。" in html
    assert "全部标为已读" not in html


def test_the_navigation_shows_the_unread_count(client, world, fake_source):
    fake_source.tasks["clerk"] = [task(1), task(2), task(3)]
    client.force_login(world.users["clerk"])
    html = _page(client, "/")  # the home page makes them
    badge = '<span class="badge text-bg-warning ms-1" data-testid="nav-unread">3</span>'
    assert f'data-testid="nav-notifications">通知{badge}' in html
    client.post(reverse("notifications:read_all"))
    html = _page(client, "/orgs/")
    assert 'data-testid="nav-notifications">通知</a>' in html
    assert 'data-testid="nav-unread"' not in html


def test_settings_saves_the_persons_choice(client, world):
    clerk = world.users["clerk"]
    client.force_login(clerk)
    html = _page(client, reverse("notifications:settings"))
    assert "每天把未查看的通知发到我的邮箱" in html and "电子邮箱" in html
    response = client.post(
        reverse("notifications:settings"), {"email_digest": "on", "email": "clerk@example.gov.cn"}
    )
    assert response.status_code == 302
    assert NotificationSettings.objects.get(user=clerk).email_digest is True
    clerk.refresh_from_db()
    assert clerk.email == "clerk@example.gov.cn"
    html = _page(client, reverse("notifications:settings"))
    assert "通知设置已保存。" in html and 'value="clerk@example.gov.cn"' in html
    assert " checked" in html
    client.post(reverse("notifications:settings"), {"email": "clerk@example.gov.cn"})
    assert NotificationSettings.objects.get(user=clerk).email_digest is False


def test_settings_errors_are_chinese_and_change_nothing(client, world):
    clerk = world.users["clerk"]
    client.force_login(clerk)
    url = reverse("notifications:settings")
    html = client.post(url, {"email_digest": "on", "email": ""}).content.decode()
    assert "要接收每日邮件，请填写电子邮箱。" in html
    html = client.post(url, {"email_digest": "on", "email": "不是邮箱"}).content.decode()
    assert "电子邮箱格式不正确" in html
    assert not NotificationSettings.objects.filter(user=clerk).exists()
    clerk.refresh_from_db()
    assert clerk.email == ""


def test_settings_page_says_when_no_mail_server_is_configured(client, world, settings):
    client.force_login(world.users["clerk"])
    settings.FAZHI_EMAIL_ENABLED = False
    assert "尚未配置邮件服务器" in _page(client, reverse("notifications:settings"))
    settings.FAZHI_EMAIL_ENABLED = True
    assert "尚未配置邮件服务器" not in _page(client, reverse("notifications:settings"))
