"""With DEBUG off, 400, 403, 404, 500 and the CSRF refusal are the site's own pages: Chinese, in
the site's layout with a way back, and revealing nothing about the failure."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from fazhi.site import errors


@pytest.fixture(autouse=True)
def debug_off():
    with override_settings(DEBUG=False):
        yield


SECRET = "/srv/fazhi/secret_module.py SECRET_KEY=abc123"
LEAKS = ["Traceback", "SECRET_KEY", "/srv/", "settings", "Exception", "Error", "CSRF", "csrf_"]


def assert_site_page(response, status: int, title: str, *, menu: bool) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert f'data-status="{status}"' in page and f'<h1 class="h3 mb-3">{title}</h1>' in page
    assert "法治政府建设工作平台" in page and 'lang="zh-CN"' in page  # the site's layout
    assert 'href="/">返回首页</a>' in page
    assert ('data-testid="current-user"' in page) is menu  # the signed-in user's menu
    for leak in LEAKS:
        assert leak not in page.replace('name="csrfmiddlewaretoken"', ""), leak
    return page


@pytest.fixture
def clerk_client(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["clerk"])
    return client


def test_404_for_a_missing_page_and_a_missing_object(clerk_client):
    page = assert_site_page(clerk_client.get("/no-such-page/"), 404, "页面不存在", menu=True)
    assert "no-such-page" not in page and ">台账</a>" in page
    page = assert_site_page(clerk_client.get("/orgs/999999999/"), 404, "页面不存在", menu=True)
    assert "matches the given query" not in page and "999999999" not in page


def test_403_shows_the_sites_own_reason_only(clerk_client):
    response = clerk_client.get(reverse("dashboards:county"))
    page = assert_site_page(response, 403, "无权访问", menu=True)
    assert "只有县（区）督察和系统管理员可以查看各乡镇对比。" in page
    request = RequestFactory().get("/")
    request.user = mock.Mock(is_authenticated=False)
    response = errors.permission_denied(request, PermissionDenied(SECRET))
    assert_site_page(response, 403, "无权访问", menu=False)
    response = errors.page_not_found(request, Http404("No Organisation matches the given query."))
    assert "Organisation" not in assert_site_page(response, 404, "页面不存在", menu=False)


def test_400_for_a_suspicious_request_and_a_host_that_is_not_allowed(clerk_client):
    refusal = SuspiciousOperation(SECRET)
    with mock.patch("fazhi.site.views.home_organisations", side_effect=refusal):
        assert_site_page(clerk_client.get(reverse("home")), 400, "请求有误", menu=True)
    # Refused before the session is read: the page carries no one's menu.
    response = clerk_client.get("/", HTTP_HOST="evil.example.com")
    page = assert_site_page(response, 400, "请求有误", menu=False)
    assert "evil.example.com" not in page


def test_500_when_a_view_fails(clerk_client):
    with mock.patch("fazhi.site.views.home_organisations", side_effect=RuntimeError(SECRET)):
        response = clerk_client.get(reverse("home"))
    page = assert_site_page(response, 500, "系统出错", menu=False)
    assert "RuntimeError" not in page and "secret_module" not in page


def test_500_page_reads_no_session_or_database(django_assert_num_queries, world):
    request = RequestFactory().get("/", HTTP_REFERER="http://testserver/ledgers/?year=2025")
    with django_assert_num_queries(0):
        response = errors.server_error(request)
    page = assert_site_page(response, 500, "系统出错", menu=False)
    assert 'href="/ledgers/?year=2025">返回上一页</a>' in page


def test_500_page_falls_back_to_fixed_html_if_the_template_fails():
    with mock.patch("fazhi.site.errors.render_to_string", side_effect=RuntimeError(SECRET)):
        response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "系统出错" in page and 'href="/">返回首页</a>' in page and "/srv/" not in page


def test_csrf_refusal(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["clerk"])
    response = client.post(reverse("logout"), HTTP_REFERER="http://testserver/ledgers/")
    page = assert_site_page(response, 403, "页面已过期", menu=True)
    assert "刷新后重新提交" in page and 'href="/ledgers/">返回上一页</a>' in page
    assert "Referer" not in page and "cookie not set" not in page.lower()


def test_the_way_back_never_leaves_the_site(clerk_client):
    page = clerk_client.get("/missing/", HTTP_REFERER="http://evil.example.com/phish").content
    assert b"evil.example.com" not in page and "返回上一页".encode() not in page
    page = clerk_client.get("/missing/", HTTP_REFERER="javascript:alert(1)").content
    assert b"javascript" not in page
