"""
The rules of ``scripts/build_gazetteer.py`` that decide what the shipped gazetteer holds:
which GeoNames spellings become aliases, which KATOTTG settlement a GeoNames place is,
and which GeoNames entries are city districts rather than settlements.
"""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_gazetteer.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_aliases_keep_the_spellings_readers_write(build):
    names = [
        "Bachmoet", "Artemivsk", "Artemowsk", "Bakhmout", "Артемовск", "Бахмут",
        # Transliterations of Japanese, Chinese, Arabic names; other Cyrillic alphabets;
        # Latin letters of other languages; GeoNames' oddities.
        "bafumuto", "ba he mu te", "Азоў", "Запорожје", "Азов балһсн", "Bahmuts (pilsēta)",
        "Şevçenkove", "Zaporižžia", "Azov - Azov", "OZH",
    ]  # fmt: skip
    kept = build.aliases_for("Bakhmut", 80_500, names, [])
    assert kept == sorted(["Bachmoet", "Artemivsk", "Artemowsk", "Bakhmout", "Артемовск", "Бахмут"])


def _settlement(code, name, category, hromada, oblast="Zaporizhzhia Oblast"):
    return {
        "code": code,
        "uk": name,
        "category": category,
        "oblast": oblast,
        "raion": "",
        "hromada": "",
        "hromada_code": hromada,
        "raion_code": hromada[:6],
    }


def _geonames(geonameid, name, population, lat, lon, alternates):
    return {
        "geonameid": geonameid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": "UA",
        "population": population,
        "admin1code": "26",
        "alternatenames": alternates,
    }


def test_a_city_joins_the_city_of_its_name_not_a_village_namesake(build):
    settlements = [
        _settlement("UA23080170060039287", "Запоріжжя", "C", "UA23080170000033256"),
        _settlement("UA23060070010069526", "Запоріжжя", "M", "UA23060070000082704"),
        _settlement("UA23100150090031762", "Запоріжжя", "C", "UA23100150000023366"),
    ]
    city = _geonames(687700, "Zaporizhzhya", 710_052, 47.85, 35.12, ["Запоріжжя"])
    unmatched = build.join(settlements, [city], {"26": "Zaporizhzhia Oblast"})
    assert unmatched == []
    assert settlements[1]["geonames"] == 687700 and settlements[1]["precision"] == "exact"
    assert "geonames" not in settlements[0] and "geonames" not in settlements[2]


def test_a_town_joins_its_hromada_centre_among_village_namesakes(build):
    settlements = [
        _settlement("UA23080150580064377", "Шевченкове", "C", "UA23080150000094794"),
        _settlement("UA23080150010082504", "Шевченкове", "C", "UA23080150000094794"),
    ]
    town = _geonames(694137, "Shevchenkove", 7090, 49.70, 37.18, ["Шевченкове"])
    assert build.join(settlements, [town], {"26": "Zaporizhzhia Oblast"}) == []
    assert settlements[1]["geonames"] == 694137 and "geonames" not in settlements[0]


def test_a_renamed_city_joins_itself_not_the_villages_of_its_former_name(build):
    # GeoNames' Torez (now Chystiakove) lists its 18th-century name, Oleksiivka, the name
    # of villages of its oblast today, and not the official Ukrainian name of the city.
    donetsk = "Donetsk Oblast"
    settlements = [
        _settlement("UA14040010010071861", "Олексіївка", "C", "UA14040010000011111", donetsk),
        _settlement("UA14160070140012345", "Олексіївка", "C", "UA14160070000022222", donetsk),
        _settlement("UA14060150010042613", "Чистякове", "M", "UA14060150000037781", donetsk),
    ]
    torez = _geonames(
        691374, "Chystyakove", 53_462, 48.04, 38.60,
        ["Oleksiivka", "Torez", "Олексіївка", "Торез", "Чистяково"],
    )  # fmt: skip
    assert build.join(settlements, [torez], {"26": donetsk}) == []
    assert settlements[2]["geonames"] == 691374 and settlements[2]["precision"] == "exact"
    assert "geonames" not in settlements[0] and "geonames" not in settlements[1]
    # Its former name stays the villages': "Oleksiivka" is not an alias of the city.
    taken = {build.normalize_name(name) for name in ("Oleksiivka", "Олексіївка", "Chystiakove")}
    kept = build.aliases_for(
        "Chystiakove", 53_462, torez["alternatenames"], ["Чистякове"], taken=taken
    )
    assert kept == ["Torez", "Торез", "Чистякове", "Чистяково"]


def test_city_districts_are_not_settlements(build):
    named = _geonames(13561144, "Kalynivskyi", 103_249, 48.0, 37.85, ["Kalininskyi Rayon"])
    assert build.is_named_district(named)
    inside = _geonames(6722148, "Saltivka", 409_300, 50.02, 36.33, ["Салтівка"])
    kharkiv = (49.98, 36.25, 1_430_885)
    assert not build.is_named_district(inside)
    assert build.is_city_district(inside, [kharkiv])
    # A town of its own some way off is not a district.
    town = _geonames(1, "Merefa", 21_000, 49.82, 36.05, ["Мерефа"])
    assert not build.is_city_district(town, [kharkiv])


def test_a_russian_towns_spellings_are_told_from_its_former_names(build):
    for spelling in ("Энгельс", "Engel's", "Енгельс"):
        assert build.spells(spelling, "Engels"), spelling
    assert build.spells("Алексеевка", "Alexeyevka")
    assert build.spells("Rostov", "Rostov-on-Don") and build.spells("Ростов", "Rostov-on-Don")
    # Engels was Pokrovsk until 1931: as a Ukrainian town's name, not kept as its alias.
    assert not build.spells("Pokrovsk", "Engels") and not build.spells("Покровск", "Engels")
    names = ["Pokrovsk", "Покровск", "Энгельс", "Engel's"]
    own = [n for n in names if build.spells(n, "Engels")]
    taken = {build.normalize_name(n) for n in ("Pokrovsk", "Покровськ", "Покровск")}
    kept = build.aliases_for("Engels", 196_011, names, own, taken=taken)
    assert kept == ["Engel's", "Энгельс"]
