"""Long lists page by cursor without counting the table; old page links still answer (10)."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_place, make_source, make_update, png_bytes
from updates.models import MapImage, Update, UpdatePlace

pytestmark = pytest.mark.django_db


def follow(client, url: str, rel: str) -> list[str]:
    """
    The pages reached from ``url`` by its rel="next" (or "prev") links, ``url`` first;
    each link a cursor, and no page counting or skipping rows to find its own.
    """
    pages = []
    while url:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        sql = " ".join(q["sql"].upper() for q in queries)
        assert " OFFSET " not in sql and "COUNT(" not in sql, url
        html = response.content.decode()
        pages.append(html)
        link = re.search(rf'<a rel="{rel}" href="(\?[^"]+)"', html)
        if link:
            assert re.fullmatch(r"\?(before|after)=[\d%C,-]+", link.group(1)), link.group(1)
        url = url.split("?")[0] + link.group(1).replace("&amp;", "&") if link else None
        assert len(pages) < 100
    return pages


def listed(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


UPDATE_LINK = r'href="/updates/\d{4}/\d\d/\d\d/([\w-]+)/"'


@pytest.mark.parametrize("url", ["/", "/updates/", "/maps/"])
def test_list_pages_do_not_count_every_row(client, url):
    for i in range(25):
        make_update(slug=f"u{i}", reported_on=datetime.date(2022 + i % 3, 1, 1 + i))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()], url
    assert not [q["sql"] for q in queries if " OFFSET " in q["sql"].upper()], url


def updates_on_few_days(n: int, *, place=None, source=None) -> list[Update]:
    """``n`` updates, several on each day (so the key's second part decides), newest last."""
    made = []
    for i in range(n):
        update = make_update(slug=f"u{i}", reported_on=datetime.date(2023, 1, 1 + i // 4))
        if place:
            UpdatePlace.objects.create(update=update, place=place)
        if source:
            update.sources.add(source)
        made.append(update)
    return made


@pytest.mark.parametrize(
    "url",
    ["/updates/", "/updates/2023/", "/updates/2023/01/", "/places/bakhmut/", "/sources/deepstate/"],
)
def test_cursor_pages_list_every_update_exactly_once_both_ways(client, url):
    made = updates_on_few_days(47, place=make_place("Bakhmut"), source=make_source())
    newest_first = [u.slug for u in sorted(made, key=lambda u: (u.reported_on, u.pk), reverse=True)]
    forward = follow(client, url, "next")
    assert len(forward) == 3
    seen = [slug for html in forward for slug in listed(html, UPDATE_LINK)]
    assert seen == newest_first
    # From the last page back to the first, by the "Newer" links: the same pages.
    last = client.get(url).content.decode()
    for _ in range(2):
        link = re.search(r'<a rel="next" href="(\?[^"]+)"', last).group(1).replace("&amp;", "&")
        last_url = url + link
        last = client.get(last_url).content.decode()
    backward = follow(client, last_url, "prev")
    assert [listed(html, UPDATE_LINK) for html in reversed(backward)] == [
        listed(html, UPDATE_LINK) for html in forward
    ]
    assert 'rel="prev"' not in forward[0] and 'rel="next"' not in forward[-1]


def test_a_day_pages_by_cursor_too(client):
    for i in range(25):
        make_update(slug=f"d{i}", reported_on=datetime.date(2023, 1, 5))
    pages = follow(client, "/updates/2023/01/05/", "next")
    seen = [slug for html in pages for slug in listed(html, UPDATE_LINK)]
    assert len(pages) == 2 and sorted(seen) == sorted(f"d{i}" for i in range(25))
    assert len(set(seen)) == 25


def test_the_gallery_pages_by_cursor_through_every_map(client):
    maps = []
    for i in range(30):
        update = make_update(slug=f"u{i}", reported_on=datetime.date(2023, 1, 1 + i // 7))
        maps += [
            MapImage(update=update, image=f"maps/{i}-{n}.png", width=40, height=30,
                     alt_text=f"map {i}-{n}", position=n)
            for n in range(2)
        ]  # fmt: skip
    MapImage.objects.bulk_create(maps)  # files that need not exist: no thumbnails made
    pages = follow(client, "/maps/", "next")
    seen = [alt for html in pages for alt in listed(html, r'alt="(map \d+-\d)"')]
    assert len(pages) == 3 and len(seen) == 60 and len(set(seen)) == 60
    # Newest day first; within a day, each update's maps together, in their order.
    expected = sorted(
        MapImage.objects.select_related("update"),
        key=lambda m: (-m.update.reported_on.toordinal(), m.update_id, m.position),
    )
    assert seen == [m.alt_text for m in expected]


def test_old_page_links_redirect_to_the_same_rows(client):
    updates_on_few_days(45)
    response = client.get("/updates/?page=2")
    assert response.status_code == 301 and "?before=" in response["Location"]
    second = client.get(response["Location"]).content.decode()
    ordered = Update.objects.published().order_by("-reported_on", "-pk")
    assert listed(second, UPDATE_LINK) == [u.slug for u in ordered[20:40]]
    assert client.get("/updates/?page=1")["Location"] == "/updates/"
    assert client.get("/updates/2023/01/?page=3").status_code == 301
    for missing in ("/updates/?page=4", "/updates/?page=abc", "/updates/?page=0"):
        assert client.get(missing).status_code == 404, missing


@pytest.mark.parametrize("cursor", ["before=yesterday", "after=2023-01-01", "before=2023-13-01,4"])
def test_a_malformed_cursor_is_a_400_that_says_what_it_takes(client, cursor):
    make_update()
    response = client.get(f"/updates/?{cursor}")
    assert response.status_code == 400
    assert "YYYY-MM-DD,number" in response.content.decode()


def test_the_update_list_lists_the_years_from_the_kept_days(client):
    for i in range(25):
        make_update(slug=f"u{i}", reported_on=datetime.date(2022 + 2 * (i % 2), 1, 1 + i))
    first = client.get("/updates/").content.decode()
    assert 'href="/updates/2024/"' in first and 'href="/updates/2022/"' in first
    assert 'href="/updates/2023/"' not in first  # no update that year


def deep_page_queries(client, url: str) -> tuple[list[str], list[str]]:
    """The SQL of a list's first page and of a page reached by its cursor."""
    with CaptureQueriesContext(connection) as first:
        html = client.get(url).content.decode()
    link = re.search(r'<a rel="next" href="(\?[^"]+)"', html).group(1).replace("&amp;", "&")
    with CaptureQueriesContext(connection) as deep:
        assert client.get(url + link).status_code == 200
    return [q["sql"] for q in first], [q["sql"] for q in deep]


def test_place_pages_take_the_same_queries_whichever_way_they_read_their_updates(client):
    """A place named by few updates reads its links first, a busy one walks the dates."""
    place, quiet = make_place("Bakhmut"), make_place("Soledar")
    for i in range(40):
        update = make_update(slug=f"a{i}", reported_on=datetime.date(2023, 1, 1 + i % 28))
        if i % 2 == 0 or i == 1:
            UpdatePlace.objects.create(update=update, place=place)
        if i % 10 == 0:
            UpdatePlace.objects.create(update=update, place=quiet)
    assert place.update_links.count() == 21  # a few of 40: its links are read first
    small = deep_page_queries(client, "/places/bakhmut/")
    with CaptureQueriesContext(connection) as quiet_small:
        client.get("/places/soledar/")
    for i in range(100):
        update = make_update(slug=f"b{i}", reported_on=datetime.date(2023, 2, 1 + i % 28))
        UpdatePlace.objects.create(update=update, place=place)
    large = deep_page_queries(client, "/places/bakhmut/")
    with CaptureQueriesContext(connection) as quiet_large:
        client.get("/places/soledar/")
    assert [len(sqls) for sqls in small] == [len(sqls) for sqls in large]
    assert len(quiet_small) == len(quiet_large) == len(small[0])
    # Named by most updates now, its pages walk them by date instead of listing 121 ids.
    walk = 'EXISTS(SELECT 1 AS "a" FROM "updates_updateplace"'
    assert not any(walk in sql for sql in small[0])
    for sqls in large:
        assert any(walk in sql for sql in sqls)
        assert not [sql for sql in sqls if sql.count(",") > 120]


@pytest.mark.parametrize(
    "url", ["/", "/updates/", "/updates/2023/", "/updates/2023/01/", "/updates/2023/01/02/"]
)
def test_archives_take_periods_calendars_and_neighbours_from_the_kept_days(client, url):
    for i in range(30):
        make_update(slug=f"u{i}", reported_on=datetime.date(2022 + i % 3, 1, 1 + i % 5))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    of_updates = [q["sql"] for q in queries if 'FROM "updates_update"' in q["sql"]]
    # The page's own rows and (archives) the check that the period has any: nothing that
    # groups, counts or scans the updates table for dates.
    assert len(of_updates) <= 2, of_updates
    for sql in of_updates:
        assert not re.search(r"GROUP BY|DISTINCT|MAX\(|MIN\(|COUNT\(", sql), sql


def test_home_lists_the_kept_active_places_without_counting_links(client):
    bakhmut, soledar = make_place("Bakhmut"), make_place("Soledar")
    for i in range(3):
        update = make_update(slug=f"u{i}", reported_on=datetime.date(2023, 1, 1 + i))
        UpdatePlace.objects.create(update=update, place=bakhmut)
        if i == 0:
            UpdatePlace.objects.create(update=update, place=soledar)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    active = re.search(r'<ol class="active-places">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r'href="/places/([\w-]+)/">[^<]+</a> <span class="count">(\d+)', active) == [
        ("bakhmut", "3"),
        ("soledar", "1"),
    ]
    assert not [q["sql"] for q in queries if "GROUP BY" in q["sql"]]


def test_the_gallery_counts_maps_awaiting_upload_from_the_kept_days(client):
    update = make_update()
    images = [
        MapImage.objects.create(update=update, original_reference=f"m/{n}.png", position=n)
        for n in range(3)
    ]
    make_update(slug="draft", status=Update.Status.DRAFT).images.create(original_reference="d.png")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/maps/").content.decode()
    assert "3 maps not yet uploaded" in html
    # One query of maps: the page's own. The count of missing ones is kept per day.
    assert len([q for q in queries if 'FROM "updates_mapimage"' in q["sql"]]) == 1
    images[0].image = SimpleUploadedFile("a.png", png_bytes(), "image/png")
    images[0].save()  # an upload in the admin
    assert "2 maps not yet uploaded" in client.get("/maps/").content.decode()
    images[1].delete()
    assert "1 map not yet uploaded" in client.get("/maps/").content.decode()
    update.status = Update.Status.DRAFT
    update.save()
    assert "not yet uploaded" not in client.get("/maps/").content.decode()


NAME_LINK = r'<a href="/(?:places|sources)/([\w-]+)/">'


def walk_by_name(client, url: str) -> list[str]:
    """Every slug a list by name shows, following its rel="next" links, with no OFFSET."""
    slugs = []
    while url:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert not [q["sql"] for q in queries if " OFFSET " in q["sql"].upper()], url
        html = response.content.decode()
        slugs += listed(html, NAME_LINK)
        link = re.search(r'<a rel="next" href="(\?[^"]+)"', html)
        url = url.split("?")[0] + link.group(1).replace("&amp;", "&") if link else None
        assert len(slugs) < 1000
    return slugs


def test_places_and_sources_page_by_cursor_through_names_with_commas(client):
    """Names repeat and hold commas; every place and source is listed once, in name order."""
    from updates.models import Place, Source

    sources = [
        Source.objects.create(name=f"Desk, {i % 30:02d}", slug=f"desk-{i}") for i in range(120)
    ]
    for i in range(230):
        update = make_update(slug=f"u{i}", reported_on=datetime.date(2023, 1, 1 + i % 28))
        place = make_place(f"Town, {i % 150:03d}", slug=f"town-{i}")
        UpdatePlace.objects.create(update=update, place=place)
        update.sources.add(sources[i % 120])
    places = walk_by_name(client, "/places/")
    assert places == list(Place.objects.order_by("name", "pk").values_list("slug", flat=True))
    listed_sources = walk_by_name(client, "/sources/")
    assert listed_sources == list(
        Source.objects.order_by("name", "pk").values_list("slug", flat=True)
    )


def test_old_numbered_pages_of_places_and_sources_redirect_to_the_same_rows(client):
    for i in range(60):
        update = make_update(slug=f"u{i}", reported_on=datetime.date(2023, 1, 1))
        UpdatePlace.objects.create(update=update, place=make_place(f"Town {i:03d}"))
        update.sources.add(make_source(f"Desk {i:03d}"))
    response = client.get("/sources/?page=2")
    assert response.status_code == 301 and "?before=Desk+049%2C" in response["Location"]
    assert listed(client.get(response["Location"]).content.decode(), NAME_LINK)[0] == "desk-050"
    assert client.get("/places/?page=1")["Location"] == "/places/"
    assert client.get("/places/?page=2").status_code == 404  # 60 places: one page of 100
    assert client.get("/sources/?before=nonsense").status_code == 400


def test_a_filtered_places_page_keeps_its_filter_in_the_page_links(client):
    for i in range(130):
        update = make_update(slug=f"u{i}", reported_on=datetime.date(2023, 1, 1))
        UpdatePlace.objects.create(update=update, place=make_place(f"Kupiansk {i:03d}"))
    old = client.get("/places/?q=Kupiansk&page=2")
    assert old.status_code == 301 and old["Location"].startswith("/places/?q=Kupiansk&before=")
    assert "Kupiansk 100" in client.get(old["Location"]).content.decode()
    html = client.get("/places/?q=Kupiansk").content.decode()
    assert re.search(r'rel="next" href="\?q=Kupiansk&amp;before=Kupiansk\+099%2C\d+"', html)
    assert "130 places" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array is PostgreSQL's")
@pytest.mark.parametrize("url", ["/places/soledar/", "/sources/deepstate/"])
def test_a_quiet_place_or_source_sends_its_links_as_one_array(client, url):
    """Read first, its links go back to the database as one value, not a parameter each."""
    place, source = make_place("Soledar"), make_source("DeepState")
    for i in range(200):
        update = make_update(slug=f"u{i}", reported_on=datetime.date(2023, 1, 1 + i % 28))
        if i % 10 < 3:  # 60 of 200: fewer than sqrt(20 * 200), so listed, not walked
            UpdatePlace.objects.create(update=update, place=place)
            update.sources.add(source)
    parameters = []

    def record(execute, sql, params, many, context):
        parameters.append(len(params or ()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        html = client.get(url).content.decode()
    assert len(listed(html, UPDATE_LINK)) == 20
    # A page's own rows and their prefetches take about 20; the 60 links, one.
    assert max(parameters) <= 25, parameters
