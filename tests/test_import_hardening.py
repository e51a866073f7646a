"""The importer under hostile and broken input: every failure is one file's error line."""

import io
from pathlib import Path

import pytest

from updates.importing.service import documents_import
from updates.models import Update

pytestmark = pytest.mark.django_db


def write_log(folder: Path, name: str = "log.md", body: str = "Fighting near Bakhmut.") -> Path:
    path = folder / name
    path.write_text(f"# Log\n\n## Update 02/02/2023\n\n{body}\n")
    return path


def test_a_section_longer_than_the_markdown_limit_is_that_files_error(tmp_path, settings):
    settings.FRONTLINE_MAX_MARKDOWN_CHARS = 5000
    write_log(tmp_path, "a-huge.md", "[" * 30_000)
    write_log(tmp_path, "b-fine.md")
    report = documents_import(paths=[tmp_path])
    huge, fine = report.files
    assert "line 3: The text is 30000 characters long; the limit is 5000" in huge.error
    assert fine.ok and fine.created == 1
    assert Update.objects.count() == 1


@pytest.mark.parametrize("heading", ["01/01/2030", "31/12/9999", "01/01/2021"])
def test_a_section_dated_outside_the_war_to_tomorrow_is_that_files_error(tmp_path, heading):
    (tmp_path / "a-future.md").write_text(f"# Log\n\n## Update {heading}\n\nText.\n")
    write_log(tmp_path, "b-fine.md")
    future, fine = documents_import(paths=[tmp_path]).files
    assert "line 3:" in future.error and "outside the dates" in future.error
    assert fine.ok and Update.objects.count() == 1


def test_a_manifest_date_outside_the_range_is_that_files_error(tmp_path):
    (tmp_path / "article.txt").write_text(
        "Russian forces pushed towards the village along the river this morning, officials said.\n"
    )
    (tmp_path / "manifest.toml").write_text('["article.txt"]\ndate = 2031-05-01\n')
    report = documents_import(paths=[tmp_path])
    assert "outside the dates" in report.files[0].error
    assert not Update.objects.exists()


def two_folders(tmp_path: Path, manifest: str) -> tuple[Path, Path]:
    bad, good = tmp_path / "bad", tmp_path / "good"
    bad.mkdir()
    good.mkdir()
    write_log(bad)
    (bad / "manifest.toml").write_text(manifest)
    write_log(good)
    return bad, good


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("x = " + "[" * 5000 + "]" * 5000 + "\n", "nests tables or arrays too deeply"),
        ('["log.md"]\ntitle = 5\n', "title must be text in quotes, not int"),
        ('["log.md"]\nauthor = ["a", "b"]\n', "author must be text in quotes, not list"),
        ('["log.md"]\nkind = ["news"]\n', "kind must be text in quotes"),
        (f'["log.md"]\nurl = "https://example.org/{"a" * 600}"\n', "url is 620 characters"),
        ('["log.md"]\nlanguage = "english-please"\n', "language is 14 characters"),
    ],
)
def test_a_broken_manifest_is_its_folders_error_and_other_folders_import(
    tmp_path, manifest, message
):
    bad, good = two_folders(tmp_path, manifest)
    report = documents_import(paths=[bad, good])
    failed, imported = report.files
    assert not report.ok
    assert "manifest.toml" in failed.error and message in failed.error
    assert imported.ok and imported.created == 1


def test_the_command_reports_every_failed_file_and_exits_non_zero(tmp_path):
    from django.core.management import CommandError, call_command

    bad, good = two_folders(tmp_path, '["log.md"]\ntitle = 5\n')
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_seeds", str(bad), str(good), stdout=io.StringIO())
    assert Update.objects.count() == 1


def test_a_database_error_in_one_file_is_its_error_line_and_the_next_file_imports(
    tmp_path, settings
):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's 1 MB tsvector limit")
    # Lift the length rule so the database itself refuses: 300,000 distinct words make
    # a search vector over PostgreSQL's 1 MB limit.
    settings.FRONTLINE_MAX_MARKDOWN_CHARS = 10_000_000
    write_log(tmp_path, "a-huge.md", " ".join(f"w{i:x}q" for i in range(300_000)))
    write_log(tmp_path, "b-fine.md")
    huge, fine = documents_import(paths=[tmp_path]).files
    assert "could not be imported" in huge.error and "tsvector" in huge.error
    assert fine.ok and fine.created == 1
    assert list(Update.objects.values_list("import_key", flat=True)) == ["b-fine.md#2023-02-02"]


def test_the_longest_body_allowed_fits_postgresqls_search_vector(editor_client):
    from tests.test_admin import update_form

    # Distinct one-character words in many scripts: about the largest vector per character.
    words = [chr(0x4E00 + i) for i in range(20_000)] + [chr(0xAC00 + i) for i in range(11_000)]
    body = " ".join(words)[:100_000]
    response = editor_client.post("/admin/updates/update/add/", update_form(body=body))
    assert response.status_code == 302
    assert Update.objects.get().body == body
