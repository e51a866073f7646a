"""
Ukrainian names in Latin letters.

``romanize`` follows Ukraine's national romanization (Cabinet of Ministers resolution
No. 55 of 27 January 2010), the spelling Ukraine's authorities, ISW and most English
media use: Авдіївка → Avdiivka, Мар’їнка → Marinka, Куп’янськ → Kupiansk. The soft sign
and the apostrophe are dropped; є, ї, й, ю, я have one form at the start of a word and
another inside it; зг is written zgh.

``romanize_bgn`` is the older BGN/PCGN-style spelling GeoNames uses (Avdiyivka,
Mar'yinka); names spelled that way are kept as aliases.
"""

import re

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
}  # fmt: skip
# Letters written one way at the start of a word, another inside it.
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_INSIDE = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
_BGN_INSIDE = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "ь": "'"}
_APOSTROPHES = "'’ʼ`"
# Russian letters a Ukrainian name never has; seen in Russian-spelled names.
_RUSSIAN = {"ы": "y", "э": "e", "ё": "yo", "ъ": ""}


def _convert(name: str, inside: dict[str, str]) -> str:
    out: list[str] = []
    lowered = name.lower()
    for index, char in enumerate(lowered):
        previous = lowered[index - 1] if index else " "
        at_start = not previous.isalpha() and previous not in _APOSTROPHES
        if char in _APOSTROPHES:
            continue
        if char == "г" and previous == "з":
            latin = "gh"  # зг: Zghorany, not Zhorany
        elif char in _INITIAL:
            latin = _INITIAL[char] if at_start else inside.get(char, _INSIDE[char])
        elif char in inside:
            latin = inside[char]
        elif char in _COMMON:
            latin = _COMMON[char]
        elif char in _RUSSIAN:
            latin = _RUSSIAN[char]
        else:
            latin = char
        if name[index].isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def romanize(name: str) -> str:
    """The national (2010) romanization of a Ukrainian name: Мар’їнка → Marinka."""
    return _convert(name, _INSIDE)


def romanize_bgn(name: str) -> str:
    """The older GeoNames-style spelling: Авдіївка → Avdiyivka, Мар’їнка → Mar'yinka."""
    with_apostrophes = re.sub(r"[’ʼ`]", "'", name)
    result = _convert(with_apostrophes.replace("'", "\x00"), _BGN_INSIDE)
    return result.replace("\x00", "'")
