"""The importer under hostile and broken input: every failure is one file's error line."""

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
