"""The law library pages: search by name and by article text, a law's page with anchored
articles, clear messages when nothing is found."""

from urllib.parse import quote

from django.urls import reverse
from lxml import html as lxml_html


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def test_search_by_short_name_lists_the_law_first(client, world):
    client.force_login(world.users["clerk"])
    tree = page(client, reverse("laws:search") + "?q=" + quote("行政处罚法"))
    links = tree.xpath("//section[@data-testid='law-results']//a")
    assert links[0].text_content() == "中华人民共和国行政处罚法"
    assert links[0].get("href") == reverse("laws:law", args=["行政处罚法"])


def test_search_in_article_text_links_to_the_article(client, world):
    client.force_login(world.users["clerk"])
    url = reverse("laws:search") + "?text=1&q=" + quote("立案依据、实施程序和救济渠道")
    tree = page(client, url)
    hrefs = tree.xpath("//section[@data-testid='law-results']//a/@href")
    assert reverse("laws:law", args=["行政处罚法"]) + "#a39" in hrefs


def test_search_without_hits_says_so(client, world):
    client.force_login(world.users["clerk"])
    tree = page(client, reverse("laws:search") + "?q=" + quote("乡村治理法"))
    text = tree.xpath("string(//section[@data-testid='law-results'])")
    assert "法律法规库中没有找到“乡村治理法”" in text


def test_law_page_shows_status_versions_and_anchored_articles(client, world):
    client.force_login(world.users["reviewer"])
    tree = page(client, reverse("laws:law", args=["信访条例"]))
    facts = tree.xpath("string(//dl[@data-testid='law-facts'])")
    assert "已废止（2022-05-01）" in facts and "《信访工作条例》" in facts
    assert "2005-01-10 公布" in facts and "共 51 条" in facts
    article = tree.xpath("//p[@id='a1']")[0].text_content()
    assert article.startswith("第一条")


def test_unknown_law_page_is_404(client, world):
    client.force_login(world.users["clerk"])
    assert client.get(reverse("laws:law", args=["乡村治理法"])).status_code == 404


def test_record_page_links_a_cited_law_to_its_article(client, world):
    from tests.enforcement.helpers import case

    record = case(world, legal_basis="《中华人民共和国土地管理法》第七十八条；《某镇<办法>》")
    client.force_login(world.users["clerk"])
    url = reverse("ledgers:detail", kwargs={"kind": "enforcement-cases", "pk": record.pk})
    response = client.get(url)
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content.decode())
    link = tree.xpath("//dd//a[contains(@href, '/laws/')]")[0]
    assert link.get("href") == reverse("laws:law", args=["土地管理法"]) + "#a78"
    assert link.text_content() == "《中华人民共和国土地管理法》第七十八条"
    assert "《某镇&lt;办法&gt;》" in response.content.decode()
