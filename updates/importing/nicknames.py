"""
The names Ukrainians and Russians give an oblast in running text ("на Донеччині", "на
Харьковщине", "Vinnychchyna"), with their case forms.
"""

import re

from ..text import normalize_name

# What Ukrainians (and Russians) call an oblast in running text ("на Донеччині", "на
# Харьковщине"), in the nominative: ``_nickname_forms`` adds the case forms. And the stems
# of "Сумська область", "Днепропетровской области" where no city name gives them.
NICKNAMES = {
    "Donetsk Oblast": ("Донеччина", "Донетчина", "Donechchyna"),
    "Luhansk Oblast": ("Луганщина", "Luhanshchyna"),
    "Kharkiv Oblast": ("Харківщина", "Харьковщина", "Kharkivshchyna"),
    "Zaporizhzhia Oblast": (
        "Запоріжчина", "Запорожчина", "Zaporizhchyna", "Запоріжжя область", "Запорізька",
        "Запорізьк", "Запорожск",
    ),
    "Kherson Oblast": ("Херсонщина", "Khersonshchyna"),
    "Sumy Oblast": ("Сумщина", "Sumshchyna", "Сумськ", "Сумск"),
    "Dnipropetrovsk Oblast": (
        "Дніпропетровщина", "Днепропетровщина", "Dnipropetrovshchyna", "Дніпропетровськ",
        "Днепропетровск",
    ),
    "Odesa Oblast": ("Одещина", "Одесщина", "Odeshchyna", "Одеськ", "Одесск"),
    "Mykolaiv Oblast": ("Миколаївщина", "Николаевщина", "Mykolaivshchyna"),
    "Chernihiv Oblast": ("Чернігівщина", "Черниговщина", "Chernihivshchyna"),
    "Kyiv Oblast": ("Київщина", "Киевщина", "Kyivshchyna"),
    "Poltava Oblast": ("Полтавщина", "Poltavshchyna"),
    "Vinnytsia Oblast": ("Вінниччина", "Винничина", "Vinnychchyna"),
    "Zhytomyr Oblast": ("Житомирщина", "Zhytomyrshchyna"),
    "Cherkasy Oblast": ("Черкащина", "Cherkashchyna"),
    "Kirovohrad Oblast": ("Кіровоградщина", "Кировоградщина", "Kirovohradshchyna"),
    "Khmelnytskyi Oblast": ("Хмельниччина", "Хмельнитчина", "Khmelnychchyna"),
    "Ternopil Oblast": ("Тернопільщина", "Ternopilshchyna"),
    "Lviv Oblast": ("Львівщина", "Львовщина", "Lvivshchyna"),
    "Rivne Oblast": ("Рівненщина", "Ровенщина", "Rivnenshchyna"),
    "Ivano-Frankivsk Oblast": ("Івано-Франківщина", "Prykarpattia", "Прикарпаття"),
    "Volyn Oblast": ("Волинь", "Волині"),
    "Zakarpattia Oblast": ("Закарпаття", "Закарпатті", "Закарпатье"),
    "Chernivtsi Oblast": ("Буковина", "Bukovyna"),
    "Kursk Oblast": ("Курщина", "Kurshchyna"),
    "Belgorod Oblast": ("Бєлгородщина", "Белгородчина", "Белгородщина", "Belgorodshchina"),
    "Bryansk Oblast": ("Брянщина", "Bryanshchina"),
}  # fmt: skip
# Case endings of a nickname in -а (Ukrainian and Russian): Донеччина, Донеччини, Донеччині,
# Донеччину, Донеччиною; Харьковщины, Харьковщине, Харьковщиной.
NICKNAME_ENDINGS = ("и", "і", "у", "ою", "ы", "е", "ой")


def _nickname_forms(names) -> list[str]:
    forms = []
    for name in names:
        forms.append(name)
        if re.search(r"(щин|чин|вин)а$", name):
            forms += [name[:-1] + ending for ending in NICKNAME_ENDINGS]
    return forms


NICKNAMES = {region: tuple(_nickname_forms(names)) for region, names in NICKNAMES.items()}
NICKNAME_KEYS = frozenset(normalize_name(n) for names in NICKNAMES.values() for n in names)
