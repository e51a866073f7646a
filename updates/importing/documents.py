"""Plain data the parsers produce; nothing here knows about the database."""

import datetime
from dataclasses import dataclass, field


class DocumentError(Exception):
    """A document that cannot be imported, with the line that shows why."""

    def __init__(self, message: str, *, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class ImageRef:
    reference: str
    alt_text: str = ""
    caption: str = ""
    depicts_on: datetime.date | None = None
    line: int = 0


@dataclass
class QuotedPostData:
    author_name: str
    handle: str
    posted_on: datetime.date | None
    url: str
    text: str
    language: str = ""


@dataclass
class Section:
    """One dated update: a log's section, or a whole article."""

    title: str
    body: str
    reported_on: datetime.date | None
    line: int = 1
    images: list[ImageRef] = field(default_factory=list)
    quoted_posts: list[QuotedPostData] = field(default_factory=list)


@dataclass
class Document:
    kind: str  # "log" or "article"
    language: str
    sections: list[Section]
    title: str = ""
    author: str = ""
    boilerplate: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
