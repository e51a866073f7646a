"""
A page's furniture around the story: related-link lines and blocks, share and newsletter
plugs, credits, publisher notes and lines that only timestamp the page. Lines and blocks,
in Dutch, English, German, Ukrainian and Russian.
"""

import re

from .language import MONTHS, dates_in

# A timestamp and nothing else: "May 25, 2024 9:48 PM GMT+3 Updated 2 hours ago",
# "Stand: 30.12.2023, 22:10 Uhr", "Bijgewerkt om 14:05". Each word must be one of these
# (or a number); a bare date line is the dateline, so it must say "updated", "ago" or the time.
STAMP_WORDS = frozenset(
    "updated published posted first last modified bijgewerkt gepubliceerd geplaatst laatste "
    "update edt est pdt pst cdt cst "
    "aangepast stand aktualisiert veröffentlicht zuletzt оновлено опубліковано обновлено "
    "опубликовано am pm a.m p.m gmt utc cet cest eet eest msk et est bst uhr hour hours "
    "minute minutes min mins day days ago uur minuten dagen geleden stunde stunden vor годину "
    "години годин хвилину хвилини хвилин тому час часа часов минуту минуты минут назад on at om "
    "um о в op den der de the publié modifié mis jour le à aktualizacja opublikowano "
    "zaktualizowano aktualizováno publikováno lesezeit leestijd reading time read".split()
)
# (French writes the time "11h02".)
STAMP_TOKEN = re.compile(r"\d[\d:./+-]*(?:h\d\d)?|[^\W\d_][\w.]*")
STAMP_MARK = re.compile(
    r"\d{1,2}[:.h]\d{2}(?!\d)|\b(?:ago|geleden|vor|тому|назад|updated|bijgewerkt|stand|"
    r"publié|modifié|mis à jour|aktualizacja|opublikowano|zaktualizowano|aktualizováno|"
    r"aktualisiert|zuletzt|оновлено|обновлено|published|posted|gepubliceerd|geplaatst|"
    r"veröffentlicht|опубліковано|опубликовано)\b",
    re.IGNORECASE,
)


WEEKDAYS_AND_MONTHS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag montag dienstag mittwoch "
    "donnerstag freitag samstag sonntag januar februar märz mai oktober dezember "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "понеділок вівторок середа четвер пʼятниця п'ятниця субота неділя понедельник вторник "
    "среда четверг пятница суббота воскресенье".split()
)


# A rule between the story and its credits: "___", "* * *", "———".
SEPARATOR = re.compile(r"^\s*(?:[-_*=~•·—–]\s*){3,}$")


# "4 сентября 2024 г.", "23 листопада 2022 р.": the year's abbreviation.
YEAR_WORDS = frozenset({"г", "р", "року", "года", "рік", "год"})


def _only_dating_words(line: str, words: frozenset) -> bool:
    """Every token of the line a number, a month, a weekday or one of ``words``."""
    for token in STAMP_TOKEN.findall(line):
        word = token.lower().rstrip(".")
        if not token[0].isdigit() and not (
            word in MONTHS or word in WEEKDAYS_AND_MONTHS or word in words
        ):
            return False
    return True


def is_bare_date(line: str) -> bool:
    """A line that is a date and nothing else ("April 8, 2022", "Friday 17 November 2023",
    "17.11.2023"): the page's date, read for dating, no part of the story."""
    return len(line) <= 60 and bool(dates_in(line)) and _only_dating_words(line, YEAR_WORDS)


def is_timestamp(line: str) -> bool:
    """A line that only says when the page was published or updated."""
    if len(line) > 120 or not STAMP_MARK.search(line):
        return False
    return _only_dating_words(line, STAMP_WORDS)


# The line a Telegram channel's export writes under the channel's name: "Експорт історії
# каналу, 10.10.2022", "Експорт каналу · 17.10.2024", "Сохранено 27.05.2025 22:10".
EXPORT_LINE = (
    r"(?:Експорт історії каналу|Экспорт истории канала|Exported (?:channel )?history|"
    r"Channel history export)\b.*|"
    r"(?:Експорт|Экспорт|Export)(?: історії| истории| of)? (?:каналу|канала|чату|чата|channel|"
    r"chat)\b.{0,40}|"
    r"(?:Сохранено|Збережено|Saved|Opgeslagen|Gespeichert)\s*(?::\s*)?"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}.{0,12}"
)
# Such a line, at the start of a line (the page header's trigger).
EXPORT_MARK = re.compile(rf"^\s*(?:{EXPORT_LINE})", re.IGNORECASE)

BOILERPLATE_LINE = re.compile(
    r"^\s*(Source:\s*Read Full Article|Read (full article|the full article)|"
    r"(Read more|Read also|Also read|More|Related|Lees ook|Lees meer|Lees verder|Bekijk ook|"
    r"Zie ook|Kijk ook|Ook interessant|Meer over|Gerelateerd|Watch|Lire aussi|À lire aussi|"
    r"Voir aussi|Mehr zum Thema|Lesen Sie auch|Leggi anche|Relacionado|Lee también|"
    r"Etiquetas|"
    r"Читайте також|Читайте также|Дивіться також|Смотрите также|Також читайте)\s*[:：—–-].*|"
    r"Advertentie|Advertisement|Reclame|Anzeige|Werbung|Publicité|Реклама|"
    r"Share this( article| story)?|Share on \w+|"
    # A site's error-report prompt: "Помітили помилку? Виділіть її та натисніть Ctrl+Enter".
    r".{0,80}\bCtrl\s*\+\s*Enter\b.*|"
    # A photo or video caption tagged at its start: "[Photo] Residents wade through …".
    r"\[(?:Photo|Foto|Фото|Image|Bild|Beeld|Video|Відео|Видео)\]\s.{0,300}|"
    # Share buttons in other languages: "Deel op WhatsApp", "Auf Facebook teilen".
    r"Deel (op|via) \w+|(Teilen|Teile) (auf|per|via) \w+|(Auf|Per|Via) \w+ teilen|"
    r"Partager (sur|par) \w+|Udostępnij( na)? \w+|Поділитися в \w+|Поделиться в \w+|"
    r"Envoyer par (e-?mail|courriel)|Lecture \d+ min\.?|Condividi|Compartir|"
    r"(Artikel|Beitrag|Seite) teilen|(Buitenland|Binnenland|Politieke |Economie)?redactie|"
    # Contacts and a site's addresses: "For further information, please contact:",
    # "… Unit, press@example.org", "www.example.org/ukraine | reliefweb.int".
    r"For (further|more) information,? (please )?contact\b.*|"
    r".{0,80}\b[\w.+-]+@[\w-]+\.[a-z]{2,}(\.[a-z]{2,})?\b\W{0,3}|"
    r"((https?://)?(www\.)?[\w-]+\.[a-z]{2,}[\w./-]*\s*[|·]?\s*){2,}|"
    r"This (Flash Update|report|update|situation report|sitrep|bulletin) (is|was) "
    r"(produced|prepared|issued)\b.*|"
    # A site's breadcrumbs: "World | Europe | Ukraine", "Startseite > Politik > Ausland",
    # "Головна / Новини / Запоріжжя", "Ministry of Defence | Press release | 22.10.2025".
    r"(?:[^|>›»/!?:]{1,45}\s+[|/>›»]\s+){2,}[^|>›»/!?:]{1,45}|"
    # Share buttons listed: "Share on Facebook | Share via Email", "Sdílet na X".
    r"(?:(?:Share|Deel|Teilen|Sdílet|Udostępnij|Compartir|Condividi|Поділитися)"
    r"(?: on| via| op| na| w| en| su| в)? [\w-]+\s*[|·•,/]?\s*)+(?:Kopírovat odkaz|Copy link)?|"
    # A section's label on its own line.
    r"Buitenland|Binnenland|Ausland|Inland|World|Wereld|Świat|Svět|Світ|Мир|"
    r"Skip to (main )?content|Naar (de )?hoofdinhoud|Zum Inhalt springen|"
    # A liveblog's controls: "Key events", "Show key events only", "Please turn on JavaScript".
    r"Key events|Show key events only|(Please )?(turn on|enable) JavaScript\b.*|"
    # A cookie notice in any words: "Deze website gebruikt cookies", "Wij en onze partners
    # gebruiken cookies", "Ta strona używa plików cookies".
    r".{0,80}\bcookies?\b.{0,40}\b(use|uses|used|gebruik\w*|verwend\w*|utiliz\w*|używa|"
    r"používá|nutzen|akzeptier\w*|accept\w*|akkoord)\b.*|"
    r".{0,40}\b(use|uses|gebruik\w*|verwend\w*|utiliz\w*|używa|používá|nutzen)\b.{0,40}"
    r"\bcookies?\b.*|"
    r".{0,40}\b(використову\w*|использу\w*|застосову\w*)\b.{0,40}\b(cookies?|кукі|куки)\b.*|"
    # A photo's caption that ends with its credit in brackets: "… July 2024. (Photo: 14th
    # Mechanized Brigade / Facebook)", "… (Zaporizhzhia Oblast Military Administration /
    # Telegram)".
    r".{10,300}\((?:Photo|Foto|Фото|Image|Beeld|Bild|Credit)\b[^()]{0,120}\)|"
    r".{10,300}\([^()]{0,100}/\s*(?:Telegram|Facebook|X|Twitter|Instagram|Getty Images|AFP|"
    r"Reuters|AP|EPA|ANP|Anadolu)\)|"
    # A plea for support: "We've been working hard to bring you independent … news from
    # Ukraine. Consider supporting us."
    r".{0,200}\b(Consider supporting us|Support (our|independent) journalism|Become a "
    r"(member|supporter|patron)|Steun (ons|onze journalistiek)|Unterstützen Sie uns|"
    r"Підтримайте нас)\b.*|"
    # An agency's editors' initials under the story ("bur-ach/oc"); ISW's date line
    # ("Aug 10, 2022 - Press ISW").
    r"(?-i:[a-z]{2,5}(?:-[a-z]{2,5})*/[a-z]{2,5}(?:/[a-z]{2,5})*)|.{0,40}\s[-–]\s+Press ISW|"
    # A wire agency's name on a line of its own, under the byline: "Associated Press".
    r"(The )?Associated Press|Reuters|AFP|Agence France-Presse|dpa|ANP|Belga|Ukrinform|"
    r"Укрінформ|Укринформ|"
    # ISW's own notes: "We do not report in detail on Russian war crimes …", "See topline text."
    r"We do not report in detail on\b.*|See topline text\.?|"
    # A Polish photo caption: "Fot. Zniszczony budynek w Sudży … / PAP/EPA".
    r"(?-i:Fot\.) .{0,250}|"
    # A footer pointing to the publisher's products: "… are available at www.example.org".
    r".*\bavailable (at|on)\b.*(www\.|https?://).*|Flash Update #?\s*\d+|"
    # A channel's size and a post's views: "12 480 подписчиков", "👁 41.3K  08:14".
    r"[\d\s.,]+[KkMm]? (subscribers|подписчик(ов|а|и)|підписник(ів|и|а)|abonnees|Abonnenten|"
    r"followers|volgers)|"
    r"👁.{0,40}|"
    # A labelled bar of share buttons: "Share this article: Facebook | X | Email",
    # "Share:  Copy Link  Email  Facebook  X  Reddit".
    r"(Share( this)?( article| story| page)?|Delen|Deel dit (artikel|bericht)|Teilen|Partager|"
    r"Sdílet|Udostępnij|Compartir|Condividi|Поділитися)\s*:\s*"
    r"(?:(?:Facebook|X|Twitter|WhatsApp|Telegram|LinkedIn|E-?mail|Reddit|Bluesky|Threads|"
    r"Messenger|Viber|Copy link|Link kopiëren|Print|Mail|Скопіювати посилання|"
    r"Копировать ссылку|Link kopieren)\s*[|·•,/]?\s*)+|"
    r"(Share|Reuse this content)(\s*\|\s*(Share|Reuse this content))+|"
    r"Explore more on (these|this) topics?\s*:.*|"
    # A read-also line in German word order; a plea to follow the site's channel
    # ("Новини Суспільного — також у Telegram. Підписуйтеся!"); an army's Ukrainian
    # sign-off ("Бий окупанта! Разом — до перемоги!").
    r"Auch lesen\s*:.*|.{0,80}\b(Підписуйтеся|Подписывайтесь|Abonneer je|Abonnieren Sie)\b.{0,40}|"
    r"(Бий окупанта!?\s*)?Разом\s*[—–-]?\s*до перемоги!?\s*\W*|"
    # A social network's own buttons under a copied post: "Like · Comment · Share".
    r"(Like|Подобається|Нравится|Vind ik leuk|Gefällt mir|J'aime)\s*·\s*(Comment|Коментувати|"
    r"Комментировать|Reageren|Kommentieren|Commenter)\b.*|"
    # Cookie notices the rule above misses: "Nous utilisons des cookies", "Usamos cookies".
    r"Nous utilisons des cookies\b.*|Usamos cookies\b.*|"
    # A short credit of the source: "Джерело: Харківська ОВА", "Bron: ANP".
    r"(Джерело|Источник|Bron|Quelle|Source|Sources)\s*:\s*[^.!?]{1,60}|"
    # A line of hashtags only ("#StandWithUkraine"); a footnote that is only its link
    # ("[1] https://t.me/…"), or a bare link.
    r"(#\w+[\s,]*)+|(\[\d+\]\s*)?(https?://|www\.)\S+|"
    # A report's own headings and notes: "Key Takeaways:", "Appendix A – Time-lapse map",
    # "ISW will continue to report …".
    r"Key takeaways|Belangrijkste punten|Appendix [A-Z]\b.*|"
    r"(ISW|CTP|The Institute for the Study of War) (will|continues to) (continue to )?"
    r"(report|assess|monitor|cover|publish)\b.*|"
    # An army's sign-off: "Let's believe in the Armed Forces of Ukraine! Together to victory!"
    # (A bare "Glory to Ukraine!" may end a post: only the whole sign-off goes.)
    r"(Let's|Let us|We) believe in (the )?(Armed Forces of Ukraine|AFU|ZSU)!?"
    r"(\s*Together to (the )?victory!?)?|Віримо в ЗСУ!?(\s*Разом до перемоги!?)?|"
    r"(Follow|Підписуйтеся на|Volg|Folgen Sie)\b.{0,80}:\s*(?:(?:Facebook|X|Twitter|WhatsApp|"
    r"Telegram|Instagram|YouTube|TikTok|LinkedIn|Bluesky|Threads|Viber)\s*[|·•,/]?\s*)+|"
    r"(Discover|See|Load|Show|View|Read) more( stories| articles| news| posts)?|"
    r"Meer (laden|tonen|bekijken|nieuws)|Toon meer|Bekijk meer|Показати більше|Показать еще|"
    r"Show this thread|Translate (post|tweet)|Vertaal (post|tweet|bericht)|"
    r"(Bericht|Post|Tweet) vertalen|(Beitrag|Post|Tweet) übersetzen|Перекласти( допис)?|"
    r"Перевести( пост)?|"
    # Calls to act and site navigation: "Click here to see …", "Zur Startseite".
    r"(Click|Tap) here\b.*|Klik hier\b.*|Hier klicken\b.*|Натисніть тут\b.*|"
    r"(Zur|Back to|Terug naar( de)?|Назад на) (Startseite|home ?page|home|voorpagina|"
    r"головну)|Share|Teilen|Reuse this content|Our Standards:.*|"
    # Credits of the agencies a text draws on: "Mit Material von dpa und Reuters".
    r"(Mit Material (von|der)|With (reporting|material) from|Met materiaal van|"
    r"З використанням матеріалів)\b.*|"
    r"Replying to @\w+.*|Antwoord aan @\w+.*|Read \d[\d,.]* replies|"
    r"(Tags?|Topics?|Onderwerpen|Trefwoorden|Теги|Теми|Темы)\s*:.*|"
    r"(This|The) (article|story|piece|report) (was|has been) (amended|updated|corrected|edited)"
    r"\b.*|Dit (artikel|bericht|stuk) is (aangepast|bijgewerkt|gecorrigeerd|gewijzigd)\b.*|"
    r"(Correction|Clarification|Correctie|Rectificatie|Поправка|Виправлення)\s*:.*|"
    r"Additional reporting by\b.*|Met medewerking van\b.*|"
    # An agency's credit line: "… reported from Odesa and …; Editing by Jane Doe".
    r"(?-i:(?:.*;\s*)?(?:Editing|Edited|Eindredactie|Redaktion) (?:by|door|von)?\s*[A-Z].*)|"
    r"Deel dit( artikel| bericht)?|Delen|Save|Opslaan|Bewaren|Speichern|Merken|"
    # A bar of share buttons: "Facebook | X | WhatsApp".
    r"(?:(?:Facebook|X|Twitter|WhatsApp|Telegram|LinkedIn|E-?mail|Reddit|Bluesky|Threads|"
    r"Messenger|Viber|Copy link|Mail)\s*[|·•,/]?\s*){2,}|Show (more|all) replies|Show replies|"
    r"Weitere Antworten anzeigen|Meer antwoorden (tonen|weergeven|bekijken)|"
    r"Показати (більше )?відповіді|Показати ще відповіді|Показать (больше )?ответы|"
    r"Meer antwoorden (weergeven|tonen)|Antwoorden weergeven|Поділитися|Поделиться|"
    r"(Follow|Volg|Folgen Sie) (us|ons|uns|our \w+(?: \w+)? coverage|\S+ coverage)\b.*|"
    # An agency's own credit line: "Gambrell reported from Kyiv, Ukraine."
    r"(?-i:[A-Z][\w'’-]+(?: and [A-Z][\w'’-]+)? (?:reported|contributed) from [A-Z].{0,80})|"
    r"(?-i:[A-Z].{0,80} contributed (?:to this (?:report|story)|reporting)\.?)|"
    # A broadcaster's programme line: "Dieses Thema im Programm: Tagesschau, 07.11.2023 …".
    r"Dieses Thema im Programm\s*:.*|Über dieses Thema berichtete\b.*|Over dit onderwerp\s*:.*|"
    r"(Підписуйтесь|Підписуйтеся|Подписывайтесь|Підпишіться|Подпишитесь|Підписатися|"
    r"Подписаться|Obserwuj nas|Sledujte nás|Стежте за нами|Следите за нами)\b.*|"
    rf"{EXPORT_LINE}|"
    # A writer's note under the story: "Oksana Tkachuk is a correspondent for The Eastern
    # Front Review based in Kramatorsk", "Jan de Vries is correspondent in Kyiv".
    r"(?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}) (?:is|was|ist|est|є) (?:a |an |the |een |"
    r"eine? |our |onze )?(?:[\w-]+ ){0,3}(?:correspondent|reporter|journalist|writer|editor|"
    r"photographer|producer|columnist|verslaggever|redacteur|Korrespondent(?:in)?|"
    r"Redakteur(?:in)?|Reporter(?:in)?|journaliste|кореспондент\w*|журналіст\w*)\b.{0,200}|"
    # A caption ending in its credit: "Ein zerstörtes Gebäude in Ochtyrka. Foto: Reuters".
    r".{10,300}[.!?]\s+(?:Photo|Foto|Фото|Bild|Beeld|Image)\s*:\s*[^.!?]{1,80}|"
    # A post's counts of replies, reposts and likes: "48 replies · 1,932 reposts · 6,410
    # likes", "💬 41   🔁 388   ❤️ 1.9K".
    r"(?:(?:[\d.,]+[KkMm]?|💬|🔁|🔄|❤️|❤|♥|👍|🗨️?|👁️?|·|•|\||"
    r"repl(?:y|ies)|reposts?|retweets?|quotes?|likes?|views?|comments?|shares?|bookmarks?|"
    r"reacties|weergaven|Antworten|Mag ich|Aufrufe|відповід\w*|перегляд\w*|вподоба\w*|"
    r"ответ\w*|просмотр\w*|репост\w*|лайк\w*)\s*){3,}|"
    # Polish: "Czytaj także: …", "Udostępnij", "(PAP)".
    r"(Czytaj (także|też|więcej)|Zobacz (też|także|również)|Čtěte (také|též)|Přečtěte si)"
    r"\s*[:：—–-].*|Udostępnij|"
    r"\((PAP|AFP|Reuters|AP|dpa|ANP|Belga|IAR|EFE|ANSA)\)|"
    # The publisher's notes on its own publishing: "Note: ISW and CTP will not publish …",
    # "Note: The data cut-off for this product was 1:30pm ET".
    r"Note: .*\b(does not|do not) receive\b.*|"
    r"(Note|Noot|Hinweis|Примітка|Примечание)\s*:.*\b(ISW|CTP|publish\w*|publiceer\w*|"
    r"this (report|product|update|assessment|map)|data cut-?off)\b.*|"
    # A timestamp and nothing else: "May 25, 2024 9:48 PM GMT+3 Updated 2 hours ago",
    # "Stand: 30.12.2023, 22:10 Uhr", "Bijgewerkt 14:05".
    r"Disclaimer:.*|©.*|Copyright\b.*|"
    r"All rights reserved.*|Alle rechten voorbehouden.*|"
    r"Listen to this article.*|Luister naar dit artikel.*|Copy link|Link kopi[eë]ren|"
    r"Print( this (page|article))?|Download (the|de|onze) app\b.*|"
    # A caption that ends in its photo credit: "… in Chernihiv on August 19. Serhii
    # Nuzhnenko/Reuters", "… the flat. Getty Images".
    r".{0,250}[.!?)]\s+(?-i:(?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w.'’-]+/(?:Reuters|AP|AFP|EPA|"
    r"Getty Images|Anadolu|Bloomberg|ANP|dpa|picture alliance|Ukrinform|TASS|Sipa)|Getty Images|"
    r"AFP via Getty Images|Reuters|AP Photo|EPA-EFE|ANP|dpa)\.?|"
    r"\[?(Photo( caption)?|Photograph|Picture|Image( caption)?|Caption|Foto|Beeld|Afbeelding|"
    r"Légende|Bild|"
    r"Bildunterschrift|Bijschrift|Onderschrift|Фото)\s*:.*|\d+\s*(min(ute)?s?|minuten) (read|leestijd)|"
    r"Leestijd\s*:?.*|Reading time\s*:?.*|"
    r".*\b(sign up|subscribe|newsletter\w*|nieuwsbrief|abonneer|abonnez|abonnement|odběr\w*)\b.*)"
    r"\s*[.:]?$",
    re.IGNORECASE,
)
# A site's navigation bar or breadcrumbs: three or more short items between separators
# ("Home | News | Sport | …", "Home › News › War", "Home / News / Ukraine war").
NAVIGATION = re.compile(
    r"^\s*[^|›»/]{1,32}(?:(?:\s*[|›»]\s*|\s/\s)[^|›»/]{1,32}){2,}\s*$"
    # Or set apart by wide spaces, words only ("Home  Oorlog in Oekraïne  Rusland  Opinie";
    # "💬 41   🔁 388" is a post's counts, not a menu).
    r"|^\s*[^\W\d][^\d|›»/]{0,31}?(?:\s{2,}[^\W\d][^\d|›»/]{0,31}?){2,}\s*$"
)
# A heading that opens a block of links to other stories, one headline a line.
BLOCK_HEADER = re.compile(
    r"^\s*(Related( Articles| stories| coverage| news)?|More (on|from|stories)\b.*|"
    r"Most (read|popular|viewed|shared|watched|commented)|Trending( now)?|Top stories|"
    r"Recommended|Read next|Meest (gelezen|bekeken|gedeeld)|Meistgelesen|"
    r"Gerelateerde artikelen|"
    r"Meer nieuws|Ook interessant|Lees ook|Lees meer|Read more|Read also|Also read|See also|"
    r"Читайте також|Читайте также|"
    r"Найпопулярніше|Популярное|Explore more( on (these|this) (topics?|stories))?|"
    r"More on (this|these) (topics?|stor(y|ies))|Meer over (dit|het) (onderwerp|thema)|"
    r"Mehr zu(m| diesem) Thema|Mehr (dazu|zum Thema \w+)|Більше на тему|Больше по теме|"
    r"Материалы по теме|Матеріали за темою|По теме|На тему|Topics|Tags|Onderwerpen|"
    r"Related Topics|Related articles?|Gerelateerde onderwerpen|Verwandte Themen|"
    r"Пов'язані теми|"
    r"Sur le même sujet|À lire aussi|Lire aussi|Dans la même rubrique|Zobacz (też|także|również)|"
    r"Czytaj (także|też)|Leggi anche|Potrebbe interessarti|Te puede interesar|Polecane|"
    r"Související články|Další články|Čtěte také|"
    r"Meer over [^.!?:]{1,40}|"
    r"Trefwoorden|Themen|Теги|Теми|Темы|Більше новин|Новини за темою|Новости по теме|"
    r"Більше новин на тему|Ще новини|"
    # Other sites' stories: "Новини партнерів", "Partner content", "Sponsored".
    r"Новини партнерів|Новости партнеров|Від партнерів|Partner (news|content)|Partnernieuws|"
    r"Nieuws van (onze )?partners|Sponsored( content| stories)?|Promoted( stories)?|"
    r"Latest news|Laatste nieuws|Останні новини|Последние новости)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
