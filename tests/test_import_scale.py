"""
The importer's work grows with what a document holds, never with its square: queries per
import stay the same however many sections a log has, and a candidate place is weighed
against the nearest of a document's sure places, not against every one of them.
"""

import random
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.import_log import PLACES, generate
from updates.importing import geo, resolve
from updates.importing.documents import ImageRef
from updates.importing.geo import NearestPlaces, distance_km
from updates.importing.places import find_mentions, load_gazetteer
from updates.importing.records import image_read
from updates.importing.reports import FileReport
from updates.importing.service import documents_import


def _log(path: Path, sections: int) -> Path:
    """The benchmark's log: dated sections naming three places each, with two maps."""
    generate(path, sections)
    return path


def _queries(path: Path) -> int:
    with CaptureQueriesContext(connection) as queries:
        report = documents_import(paths=[path])
    assert report.ok, report.files[0].error
    return len(queries)


@pytest.mark.django_db
def test_a_log_is_imported_in_as_many_queries_whatever_its_length(tmp_path):
    _queries(_log(tmp_path / "first.md", len(PLACES)))  # its places are on record from here on
    short = _queries(_log(tmp_path / "short.md", 20))
    # Long enough for more than one batch of every kind of row on either database.
    long = _queries(_log(tmp_path / "long.md", 300))
    assert long == short


@pytest.mark.django_db
def test_a_changed_log_is_imported_again_in_as_many_queries_whatever_its_length(tmp_path):
    short, long = _log(tmp_path / "short.md", 20), _log(tmp_path / "long.md", 300)
    for path in (short, long):
        _queries(path)
    # Every section changed: each update is refreshed, its links, maps and sources reconciled.
    for path in (short, long):
        path.write_text(path.read_text().replace("is het rustig", "is het stil"))
    assert _queries(long) == _queries(short)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _sure_places(gazetteer, count: int) -> list[str]:
    """Names of ``count`` towns of the front oblasts that no other place shares."""
    regions = {"Donetsk Oblast", "Luhansk Oblast", "Zaporizhzhia Oblast"}
    names = sorted(
        {
            c.name
            for candidates in gazetteer.index.values()
            for c in candidates
            if c.region in regions and c.population >= 2000 and c.name.isalpha()
        }
    )
    return [n for n in names if len(gazetteer.lookup(n)) == 1][:count]


def test_each_candidate_is_weighed_against_few_of_a_documents_sure_places(gazetteer, monkeypatch):
    places = _sure_places(gazetteer, 80)
    assert len(places) == 80
    rng = random.Random(5)
    sections = []
    for i in range(60):
        # Sure places, and a name with namesakes all over Ukraine to weigh against them.
        a, b, c = rng.sample(places, 3)
        text = f"Fighting near {a}, {b} and {c}; shelling of Lyman. Report {i}."
        sections.append((text, find_mentions(text, gazetteer)))
    calls = {"weighed": 0, "distances": 0}

    def counted(function, what):
        def call(*args):
            calls[what] += 1
            return function(*args)

        return call

    # Each time one candidate is weighed against the document's sure places.
    monkeypatch.setattr(
        resolve._Context, "nearest_km", counted(resolve._Context.nearest_km, "weighed")
    )
    # Distances asked for, whether remembered from before or measured now.
    monkeypatch.setattr(resolve, "distance_km", counted(resolve.distance_km, "distances"))
    monkeypatch.setattr(geo, "great_circle_km", counted(geo.great_circle_km, "distances"))
    resolve.resolve_document(sections, gazetteer)
    assert calls["weighed"] >= 500
    # Against every sure place, each candidate would ask for 80 distances; the nearest few
    # of each place asked about are measured once and remembered.
    assert calls["distances"] < 12 * calls["weighed"]


def test_a_name_told_alike_in_other_words_is_decided_once(gazetteer, monkeypatch):
    # A long log names the same places in the same way; only the words around them change.
    sections = []
    for i in range(40):
        text = f"Bij Lyman (1) wordt gevochten. Situatie {i}: de Russen vallen aan bij Siversk."
        sections.append((text, find_mentions(text, gazetteer)))
    decided, decide = [], resolve._decide
    monkeypatch.setattr(resolve, "_decide", lambda *args: decided.append(args[0]) or decide(*args))
    places = resolve.resolve_document(sections, gazetteer)[0]
    assert all(len(p) == 2 for p in places)
    # Each name once in each of the two passes (alone, then with the document's context).
    assert len(decided) <= 4


def test_what_the_words_around_a_name_say_still_counts_when_decided_once(gazetteer):
    texts = [
        "Russian forces crossed the Oskil near Kupiansk.",
        "Fighting continued in Oskil and Kupiansk.",
        "The Kakhovka dam was destroyed.",
        "Fighting in Kakhovka continued.",
    ]
    sections = [(text, find_mentions(text, gazetteer)) for text in texts]
    places = resolve.resolve_document(sections, gazetteer)[0]
    kinds = [section[0].candidate.kind for section in places]
    assert kinds == ["river", "settlement", "other", "settlement"]


def test_nearest_places_is_the_nearest_of_all_those_let_through(gazetteer):
    located = list(
        {c.ref: c for cs in gazetteer.index.values() for c in cs if c.is_located}.values()
    )
    rng = random.Random(3)
    for size in (0, 1, 5, 40, 300):
        places = rng.sample(located, size)
        nearest = NearestPlaces(places)
        for place in rng.sample(located, 60):
            # Leave out up to 40: more than are kept for each place asked about.
            left_out = {p.ref for p in rng.sample(places, min(size, rng.choice((0, 3, 40))))}
            expected = [distance_km(place, p) for p in places if p.ref not in left_out]
            found = nearest.nearest_km(place, lambda p, left_out=left_out: p.ref not in left_out)
            assert found == (min(expected) if expected else None)


def test_an_image_linked_out_of_the_folder_is_refused_once_its_folder_is_known(tmp_path):
    document = tmp_path / "docs"
    (document / "media").mkdir(parents=True)
    (document / "media" / "a.png").write_bytes(b"not read")
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(b"not read")
    (document / "media" / "b.png").symlink_to(outside)
    report, folders = FileReport("log.md"), {}
    root = document.resolve()
    image_read(document, root, ImageRef("media/a.png", line=1), report, True, folders)
    assert folders  # the folder is known from here on
    read = image_read(document, root, ImageRef("media/b.png", line=2), report, True, folders)
    assert read.digest == "outside"
    assert "leads out of the document's folder" in report.warnings[-1]
