"""
Importing documents editors already wrote: Markdown logs and saved articles.

Parsers (``markdown_log``, ``article``) are pure functions from text to the plain
data in ``documents``; ``places`` recognizes place names with a gazetteer; only
``service`` touches the database.
"""
