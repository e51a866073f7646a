"""
Ukrainian and Russian spellings of one place: case forms ("в Авдіївці" is Авдіївка), the
other language's spelling (Орловка is Орлівка, Северное is Сіверне), and the words that
only look like them ("Військова адміністрація" is not Військове, "Кроме" not Крым).

Everything here works on ``normalize_name`` keys: й is и, ї is і, ё is е.
"""

import re

# Ukrainian and Russian case endings -> nominative endings ("в Авдіївці" -> Авдіївка).
CASE_FORMS = (
    ("ці", "ка"), ("ки", "ка"), ("ку", "ка"), ("кою", "ка"), ("ою", "а"),
    ("оі", "а"), ("іи", "а"), ("ому", ""), ("ого", ""), ("ом", ""), ("ем", ""), ("у", ""), ("а", ""),
    ("і", "а"), ("и", "а"), ("е", "а"), ("ому", "е"), ("ого", "е"), ("ім", "е"),
    # Neuter names: "Дніпра" is Дніпро, "Гуляйполя" Гуляйполе, "Гуляйполем" Гуляйполе.
    ("а", "о"), ("я", "е"), ("ем", "е"), ("ом", "о"), ("і", "я"), ("ям", "я"),
    # A name in -ець drops its е: "Інгульця" is Інгулець.
    ("ьця", "ець"), ("ьцю", "ець"), ("ьці", "ець"), ("ьцем", "ець"),
    ("ськ", "ськ"),
)  # fmt: skip


_CASE_ENDING = re.compile(r"(ого|ому|оі|ою|ом|ем|іи|ии|ым|им|их|еи|ами|ах|ях)$")
# (Keys are normalized: й is и.)
ADJECTIVE_ENDING = re.compile(
    r"(ие|их|ими|им|ым|ии|іи|ые|ські|ських|ськими|ского|ського|ским|ським)$"
)
_VOWELS = str.maketrans("", "", "аеєиіїоуюяыэёьъ'")


def cyrillic_skeleton(key: str) -> str:
    """A Cyrillic name's consonants, case endings removed: Ukrainian and Russian forms meet
    (Сіверне, Северное -> сврн; Великої Новосілки, Велика Новосілка -> влк нвслк)."""
    # (A hyphenated name declines in each part: "Новгороді-Сіверському".)
    words = [
        _CASE_ENDING.sub("", word) if len(word) > 5 else word
        for word in key.replace("-", " ").split()
    ]
    return " ".join(word.translate(_VOWELS) for word in words)


# Vowels where Ukrainian and Russian spellings of one name differ: Орлівка is Орловка,
# Сіверне Северное, Єнакієве Енакиево, Крим Крым (keys are normalized: й is и, ї is і,
# ё is е). "Кроме" is no form of Крым: о is never ы.
_VOWELS_OF_ONE_NAME = {frozenset(pair) for pair in ("оі", "еі", "еє", "иі", "ыи", "єі")}
_VOWEL_LETTERS = set("аяуюіиыеєэо")
_SOFT_SIGNS = str.maketrans("", "", "ьъ")
_ENDING_KIND = str.maketrans(
    {"а": "A", "я": "A", "у": "U", "ю": "U", "і": "I", "и": "I", "ы": "I", "е": "E", "є": "E",
     "э": "E", "о": "O", "ь": None, "ъ": None}
)  # fmt: skip
_TRAILING_VOWELS = re.compile(r"[аяуюіиыеєэоьъ]+$")
# The endings a word may have where the name has its own: Бахмут -> Бахмута, Бахмутом;
# Авдіївка -> Авдеевке, Орловку, Великої, Великой; Сіверне -> Северное, Сіверного.
# Never "Військові" for Військове, nor "Украинской" for Українськ.
_INFLECTIONS = {
    "": {"", "A", "U", "I", "E"},
    "A": {"A", "I", "U", "E", "AA"},
    "E": {"E", "OE", "O"},  # Сіверне, Северное; Курахове, Курахово
    "OE": {"E", "OE", "O"},
    "I": {"I"},
    "O": {"O", "A", "U", "I"},  # Шевченко -> Шевченка, Шевченку; Дніпро -> Дніпра, Дніпрі
}
# A possessive name in -ів declines as an adjective: Часів Яр, Часового Яру, Часовому Яру.
_POSSESSIVE = ("ового", "овому", "овим", "овім")
_DECLINED = {  # (normalized keys: "-ой" is ои, "-ій" іи, "-ої" оі)
    "": ("ом", "ем", "ові"),
    "A": ("ою", "ои", "еи", "оі", "іи", "ую"),
    "E": ("ого", "ому", "им", "ім", "ом"),
    "OE": ("ого", "ому", "им", "ім", "ом"),
    # Plural names (Хутори -> Хуторах) and masculine adjectives (Сіверський -> Сіверському).
    "I": ("их", "ах", "ях", "ами", "ого", "ому", "им", "ім"),
    "O": ("ом", "ові"),
}


def inflects(word: str, name: str) -> bool:
    """Whether the Cyrillic key ``word`` can be ``name`` (a key) in the other language or
    in another case: the same letters but for vowels that differ between the languages,
    and an ending the name can take."""
    words, names = word.replace("-", " ").split(), name.replace("-", " ").split()
    if len(words) != len(names):
        return False
    for w, n in zip(words, names, strict=True):
        if n.endswith("ів") and w in {n[:-2] + ending for ending in _POSSESSIVE}:
            continue  # "Часового Яру" is Часів Яр
        n_end = _TRAILING_VOWELS.search(n)
        n_stem = _stem(n)
        n_kind = n_end.group(0).translate(_ENDING_KIND) if n_end else ""
        if any(
            w.endswith(ending) and _same_but_vowels(_stem(w[: -len(ending)]), n_stem)
            for ending in _DECLINED.get(n_kind, ())
        ):
            continue
        w_end = _TRAILING_VOWELS.search(w)
        w_kind = w_end.group(0).translate(_ENDING_KIND) if w_end else ""
        if w_kind not in _INFLECTIONS.get(n_kind, {n_kind}):
            return False
        if not _same_but_vowels(_stem(w), n_stem):
            return False
    return True


def _stem(key: str) -> str:
    return _TRAILING_VOWELS.sub("", key.translate(_SOFT_SIGNS))


def _same_but_vowels(a: str, b: str) -> bool:
    return len(a) == len(b) and all(
        x == y or (x in _VOWEL_LETTERS and frozenset((x, y)) in _VOWELS_OF_ONE_NAME)
        for x, y in zip(a, b, strict=True)
    )
