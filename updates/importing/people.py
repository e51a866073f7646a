"""
People named in running text, so that their names are not taken for places: "Kremlin envoy
Kirill Dmitriev" is no town Dmitriyev, "Oleksandr Syrskyi" no village Syrske.

A capitalized word followed by another is a first name when it is one of the given names
below (the common ones of Ukraine, Russia and the countries whose officials the war's news
quotes), in any of the spellings the texts use. The name after it is then a surname.
"""

from functools import lru_cache

from ..text import normalize_name

_GIVEN_NAMES = """
Oleksandr Olexandr Oleksander Aleksandr Alexander Aleksander Alexandr Alexandre Alexandra
Oleksandra Aleksandra Oleksii Oleksiy Olexiy Aleksei Aleksey Alexei Alexey Alexej Oleksij
Andrii Andriy Andrij Andrei Andrey Andrej Andrew Anatolii Anatoliy Anatoly Anatolij Anton
Artem Artyom Artur Arsen Arseniy Arsenii Bohdan Bogdan Borys Boris Danylo Daniil Denys
Denis Dmytro Dmitry Dmitri Dmitriy Dmitrij Dmitrii Yevhen Yevgeny Yevgeniy Evgeny Evgeniy
Jevgeni Fedir Fyodor Fedor Hennadii Hennadiy Gennady Gennadiy Heorhii Heorhiy Georgy Georgiy
Hryhorii Hryhoriy Grigory Grigoriy Ihor Igor Illia Illya Ilya Ivan Kyrylo Kirill Kostiantyn
Konstantin Leonid Maksym Maxim Maksim Mykhailo Mykhaylo Mikhail Mychajlo Mykola Nikolai
Nikolay Oleh Oleg Pavlo Pavel Petro Pyotr Petr Roman Ruslan Serhii Serhiy Sergei Sergey
Sergej Sergii Stanislav Stepan Taras Vadym Vadim Valerii Valeriy Valery Vasyl Vasily Vasiliy
Viktor Victor Vitalii Vitaliy Vitaly Volodymyr Vladimir Wladimir Vyacheslav Viacheslav
Wjatscheslaw Yaroslav Jaroslav Yurii Yuriy Yuri Yury Juri Zakhar Ramzan Yevgenia Yevheniia
Anastasiia Anastasia Daria Darya Iryna Irina Kateryna Ekaterina Yekaterina Lyudmila Liudmyla
Lioedmyla Maria Mariia Marija Natalia Nataliia Natalya Olena Elena Yelena Olha Olga Oksana
Svitlana Svetlana Tetiana Tatiana Tatyana Valentyna Valentina Yulia Yuliia Julia Viktoria
Viktoriia Victoria Halyna Galina Larysa Larisa Nadiia Nadezhda Marina Maryna Inna Alla Zoya
Emine Rustem Mustafa Refat Ahmed Akhmat Apti Yevhenii Olexii Oleksiy Petro Marko Marco Mark
Jens Antony Anthony Joe Joseph Donald Lloyd Jake Kamala Keir Rishi Boris Liz Emmanuel Olaf
Annalena Ursula Kaja Josep Jean Rafael Mette Antonio Giorgia Recep Xi Narendra Viktor Andrzej
Sergiy Serhij Dmytrij Jurij Wolodymyr Volodimir
Володимир Владимир Олександр Александр Сергій Сергей Кирило Кирилл Дмитро Дмитрий Андрій
Андрей Олексій Алексей Ігор Игорь Михайло Михаил Микола Николай Юрій Юрий Віталій Виталий
Вадим Валерій Валерий Іван Иван Олег Павло Павел Петро Пётр Роман Руслан Денис Євген Евгений
Рамзан Антон Артем Артём Богдан Борис Віктор Виктор Вячеслав В'ячеслав Геннадій Геннадий
Ярослав Тарас Максим Станіслав Станислав Анатолій Анатолий Олена Елена Ірина Ирина Наталія
Наталья Ольга Тетяна Татьяна Юлія Юлия Марія Мария Оксана Світлана Светлана Людмила Галина
""".split()

GIVEN_NAMES = frozenset(normalize_name(name) for name in _GIVEN_NAMES)


@lru_cache(maxsize=50_000)
def is_given_name(word: str) -> bool:
    return normalize_name(word) in GIVEN_NAMES
