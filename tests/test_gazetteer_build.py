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


def _located(settlement, lat, lon):
    return {**settlement, "lat": lat, "lon": lon, "precision": "exact", "geonames": 1}


def _positions(build, tmp_path, text):
    path = tmp_path / "positions.csv"
    header = "# a comment\noblast,name,raion,lat,lon,precision,english,note\n"
    path.write_text(header + text, encoding="utf-8")
    return build.read_positions(path)


def _front(build):
    """A hromada of Pokrovsk raion: a town GeoNames places and two villages it does not,
    Orlivka, and a namesake Orlivka in another raion far off."""
    donetsk = "Donetsk Oblast"
    town = _settlement("UA14160170010012345", "Очеретине", "T", "UA14160170000011111", donetsk)
    town = _located({**town, "raion": "Покровський"}, 48.23, 37.60)
    orlivka = _settlement("UA14160170050054321", "Орлівка", "C", "UA14160170000011111", donetsk)
    berdychi = _settlement("UA14160170020011223", "Бердичі", "C", "UA14160170000011111", donetsk)
    far = _settlement("UA14020030040098765", "Орлівка", "C", "UA14020030000022222", donetsk)
    far_town = _settlement("UA14020030010045678", "Лиман", "M", "UA14020030000022222", donetsk)
    return [
        town,
        {**orlivka, "raion": "Покровський"},
        {**berdychi, "raion": "Покровський"},
        {**far, "raion": "Краматорський"},
        _located({**far_town, "raion": "Краматорський"}, 48.99, 37.81),
    ]


def test_a_row_of_positions_sets_its_villages_position(build, tmp_path):
    settlements = _front(build)
    rows = _positions(
        build, tmp_path,
        "Donetsk Oblast,Орлівка,Покровський,48.165,37.602,exact,,\n"
        "Donetsk Oblast,Бердичі,,48.19,37.63,exact,,\n"
        # A place GeoNames locates keeps GeoNames' position: the row only checks it.
        "Donetsk Oblast,Очеретине,,48.24,37.59,exact,,\n",
    )  # fmt: skip
    assert [row["line"] for row in rows] == [3, 4, 5]
    assert build.place_positions(settlements, rows) == []
    town, orlivka, berdychi, far, _ = settlements
    assert (orlivka["lat"], orlivka["lon"], orlivka["precision"]) == (48.165, 37.602, "exact")
    assert (berdychi["lat"], berdychi["lon"], berdychi["precision"]) == (48.19, 37.63, "exact")
    assert (town["lat"], town["lon"]) == (48.23, 37.60)
    # The namesake in another raion is untouched and gets its hromada's position.
    assert "lat" not in far
    build.approximate(settlements)
    assert (far["lat"], far["lon"], far["precision"]) == (48.99, 37.81, "approximate")


def test_a_bad_row_of_positions_fails_the_build_naming_it(build, tmp_path):
    rows = _positions(
        build, tmp_path,
        "Donetsk Oblast,Орлівка,Покровський,48.165,37.602,exact,,\n"
        "Donetsk Oblast,Орливка,Покровський,48.165,37.602,exact,,\n"  # a typo in the name
        "Donetsk Oblast,Бердичі,Покровський,48.19,36.63,exact,,\n"  # a typo in the longitude
        # Two Orlivkas (and the first again).
        "Donetsk Oblast,Орлівка,,48.165,37.602,exact,,\n"
        "Donetsk Oblast,Бердичі,Покровський,,,exact,,\n"
        "Kursk Oblast,Суджа,,51.19,35.27,exact,,\n"  # a place of Russia without its English name
        "Donetsk Oblast,Бердичі,Покровський,48.19,37.63,checked,,\n",  # no such precision
    )  # fmt: skip
    with pytest.raises(build.PositionsError) as error:
        build.place_positions(_front(build), rows)
    message = str(error.value)
    assert message.startswith("6 rows of positions.csv are wrong")
    assert "line 4: Орливка (Donetsk Oblast): no KATOTTG settlement" in message
    assert "line 5: Бердичі (Donetsk Oblast): 72 km from its hromada's places" in message
    assert "line 6: Орлівка (Donetsk Oblast): the same settlement as line 3" in message
    assert "line 7: Бердичі (Donetsk Oblast): no position" in message
    assert "line 8: Суджа (Kursk Oblast): a place of Russia needs its English name" in message
    assert "line 9: Бердичі (Donetsk Oblast): precision must be one of exact, approximate" in (
        message
    )
    assert "line 3" not in message.replace("as line 3", "")


def test_namesakes_in_one_oblast_need_their_raion_unless_one_is_clearly_nearer(build, tmp_path):
    # Nearer Lyman than Ocheretyne but not clearly, without a raion: which one?
    rows = _positions(build, tmp_path, "Donetsk Oblast,Орлівка,,48.60,37.70,exact,,\n")
    with pytest.raises(build.PositionsError, match="2 namesakes"):
        build.place_positions(_front(build), rows)
    # Outside its raion's places, though within reach of its hromada's.
    row = "Donetsk Oblast,Орлівка,Покровський,48.23,37.93,exact,,\n"
    rows = _positions(build, tmp_path, row)
    with pytest.raises(build.PositionsError, match="outside its raion"):
        build.place_positions(_front(build), rows)


def test_an_estimate_moves_its_village_but_leaves_it_approximate(build, tmp_path):
    settlements = _front(build)
    rows = _positions(
        build, tmp_path,
        "Donetsk Oblast,Орлівка,Покровський,48.17,37.61,approximate,,\n"
        # An estimate of a place GeoNames locates only checks it.
        "Donetsk Oblast,Очеретине,,48.25,37.62,approximate,,\n",
    )  # fmt: skip
    assert build.place_positions(settlements, rows) == []
    town, orlivka, berdychi, _, _ = settlements
    assert (orlivka["lat"], orlivka["lon"], orlivka["precision"]) == (48.17, 37.61, "approximate")
    assert (town["lat"], town["lon"], town["precision"]) == (48.23, 37.60, "exact")
    build.approximate(settlements)
    assert (orlivka["lat"], orlivka["lon"], orlivka["precision"]) == (48.17, 37.61, "approximate")
    assert berdychi["precision"] == "approximate"
    # An estimate far from GeoNames' position, or from its hromada, is a mistake.
    rows = _positions(
        build, tmp_path,
        "Donetsk Oblast,Очеретине,,48.30,37.60,approximate,,\n"  # 7.8 km from GeoNames
        "Donetsk Oblast,Бердичі,Покровський,48.23,38.05,approximate,,\n",  # 33 km off
    )  # fmt: skip
    with pytest.raises(build.PositionsError) as error:
        build.place_positions(_front(build), rows)
    message = str(error.value)
    assert "line 3: Очеретине (Donetsk Oblast): 7.8 km from GeoNames' position" in message
    assert "line 4: Бердичі (Donetsk Oblast): 33 km from its hromada's places" in message


def test_a_russian_village_of_positions_is_a_place_of_its_own(build, tmp_path):
    rows = _positions(
        build, tmp_path,
        "Kursk Oblast,Мартыновка,Суджанский,51.20,35.30,exact,Martynovka,\n"
        "Kursk Oblast,Суджа,,51.19,35.27,exact,Sudzha,\n",
    )  # fmt: skip
    russian = build.place_positions([], rows)
    sudzha = ["geonames:1", "Sudzha", "city", "RU", "Kursk Oblast", "", "", 51.19, 35.27,
              "exact", 5000, 1, ["Суджа"]]  # fmt: skip
    build._add_keys(sudzha)
    # Sudzha is in the gazetteer already: its row is a mistake.
    with pytest.raises(build.PositionsError, match=r"line 4: Суджа .*the gazetteer has it"):
        build.russian_villages(russian, [sudzha])
    (martynovka,) = build.russian_villages(russian[:1], [sudzha])
    assert martynovka[:10] == [
        "editors:kursk:martynovka", "Martynovka", "village", "RU", "Kursk Oblast", "", "",
        51.20, 35.30, "exact",
    ]  # fmt: skip
    assert "Мартыновка" in martynovka[12] and "мартыновка" in martynovka[13]


def test_a_russian_estimate_is_an_approximate_place(build, tmp_path):
    rows = _positions(
        build, tmp_path,
        "Kursk Oblast,Николаево-Дарьино,Суджанский,51.33,35.22,approximate,Nikolayevo-Darino,\n",
    )  # fmt: skip
    (darino,) = build.russian_villages(build.place_positions([], rows), [])
    assert darino[:10] == [
        "editors:kursk:nikolayevo darino", "Nikolayevo-Darino", "village", "RU",
        "Kursk Oblast", "", "", 51.33, 35.22, "approximate",
    ]  # fmt: skip
    assert "Николаево-Дарьино" in darino[12]


def test_russian_places_take_their_usual_english_names(build):
    # GeoNames writes ë and the soft sign; English texts write yo and nothing.
    assert build.russian_english("Orël") == "Oryol"
    assert build.russian_english("Tëtkino") == "Tyotkino"
    assert build.russian_english("L’gov") == "Lgov"
    assert build.russian_english("Belgorod") == "Belgorod"
    # A town on a river: the Russian locative becomes the English "on" form.
    assert build.river_town_forms("Slavyansk-na-Kubani") == ["Slavyansk-on-Kuban"]
    assert build.river_town_forms("Komsomolsk-na-Amure") == ["Komsomolsk-on-Amur"]
    assert build.river_town_forms("Novaya Kakhovka") == []


def test_the_built_gazetteer_finds_russian_places_by_their_english_names():
    from updates.importing.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    for written, region in [
        ("Tyotkino", "Kursk Oblast"),
        ("Tëtkino", "Kursk Oblast"),
        ("Oryol", "Oryol Oblast"),
        ("Slavyansk-on-Kuban", "Krasnodar Krai"),
    ]:
        found = [c for c in gazetteer.lookup(written) if c.country == "RU"]
        assert [c.region for c in found] == [region], written
