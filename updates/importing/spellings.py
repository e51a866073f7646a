"""
The same name in other Latin spellings: Dutch (Koepjansk, Izjoem, Sjevjerodonetsk), German
(Wowtschansk, Sudscha, Lyssytschansk) and the loose key under which romanizations of one
name fall together (zaporizhia, zaporizhzhia, zaporozhye; Kropyvnytsky, Kropyvnytskyi).
"""

import re
from functools import lru_cache

_DUTCH_RULES = {"tsj": "ch", "sj": "sh", "zj": "zh", "oe": "u", "ch": "kh"}
_DUTCH = re.compile("tsj|sj|zj|oe|ch")
# German: Wowtschansk, Sudscha, Saporischschja, Selenskyj (sch is ш or ж).
_GERMAN_RULES = {
    "schtsch": "shch", "tsch": "ch", "sch": "sh", "ch": "kh", "w": "v", "z": "ts", "ss": "s",
}  # fmt: skip
_GERMAN = re.compile("schtsch|tsch|sch|ch|w|z|ss")


def dutch_variants(key: str) -> set[str]:
    """English-style transliterations of a Dutch- or German-spelled (normalized) name."""

    def spelled(rules: dict, pattern: re.Pattern, keep=()) -> str:
        return pattern.sub(lambda m: m.group(0) if m.group(0) in keep else rules[m.group(0)], key)

    bases = {
        spelled(_DUTCH_RULES, _DUTCH),
        # "Vinnytsja": a ts before ja, not the tsj of "Tsjornomorsk".
        spelled(_DUTCH_RULES, _DUTCH, keep=("tsj",)),
        # "Sjevjerodonetsk", "Izjoem": an s or z before je, ja, joe (є, я, ю), not ш or ж.
        spelled(_DUTCH_RULES, _DUTCH, keep=("sj", "zj")),
    }
    if "sch" in key or "w" in key:
        german = spelled(_GERMAN_RULES, _GERMAN)
        # A z is German ц ("Saporischschja" has none), or з kept from an English spelling
        # ("Saliznytschne"); an s before a vowel begins a German з ("Saporischschja").
        kept_z = spelled(_GERMAN_RULES, _GERMAN, keep=("z",))
        germans = {german, kept_z}
        germans |= {re.sub(r"^s(?=[aeiouy])", "z", g) for g in germans}
        bases |= germans | {g.replace("sh", "zh") for g in germans}
    variants = {
        v for b in bases for v in (b, b.replace("j", "y"), b.replace("j", "i"), b.replace("j", ""))
    }
    # (Spanish writes х as j: "Járkov", "Jersón".)
    if key.startswith("j") and len(key) >= 6:  # ("Just" is no Khust)
        variants.add("kh" + key[1:])
    variants |= {v.replace("ie", "i") for v in variants}
    variants.discard(key)
    return variants


@lru_cache(maxsize=100_000)
def spelling_variants(key: str) -> tuple[str, ...]:
    """``dutch_variants`` in order, once per key: a text asks about the same names again."""
    return tuple(sorted(dutch_variants(key)))


_LOOSE_LETTERS = str.maketrans({"-": " ", "w": "v", "j": "i", "y": "i"})
_DOUBLED = re.compile(r"(.)\1+")
_IE_END = re.compile(r"(?<=[a-z])ie\b")


def loose_key(key: str) -> str:
    """Spellings of one name fall together: zaporizhia, zaporizhzhia, zaporozhye -> one key."""
    text = key.translate(_LOOSE_LETTERS).replace("kh", "h").replace("zh", "z")
    text = _DOUBLED.sub(r"\1", text)
    return _IE_END.sub("ia", text) if "ie" in text else text


# Loose matching only for names this long (short ones fall together by chance).
LOOSE_MIN_CHARS = 7


def loosely_matched(key: str) -> bool:
    """Whether a (normalized) name is matched by its loose key: a Latin one, long enough."""
    return len(key) >= LOOSE_MIN_CHARS and key[:1].isascii()
