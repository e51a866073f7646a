import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from updates.importing.service import documents_import

PROGRESS_FROM = 200  # sections; shorter runs need no bar


class Command(BaseCommand):
    help = (
        "Import Markdown logs and saved articles (files or folders; default: seeds/). "
        "Facts a text does not state come from manifest.toml next to the documents."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Files or folders to import.")
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")
        parser.add_argument("--draft", action="store_true", help="Import new updates as drafts.")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace updates that editors changed in the admin after import.",
        )

    def handle(self, *args, paths, dry_run, draft, overwrite, **options):
        paths = paths or [Path(settings.BASE_DIR) / "seeds"]
        report = documents_import(
            paths=paths,
            dry_run=dry_run,
            publish=not draft,
            overwrite=overwrite,
            progress=self._progress,
        )
        for file in report.files:
            self._print_file(file)
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"warning: {warning}"))
        verb = "would change" if dry_run else "changed"
        summary = (
            f"{len(report.files)} file(s): {report.total('created')} created, "
            f"{report.total('updated')} updated, {report.total('unchanged')} unchanged"
            f"{' (dry run: nothing written)' if dry_run else ''}."
        )
        if not report.changed and report.ok:
            summary += f" Nothing {verb}."
        if report.ok:
            self.stdout.write(self.style.SUCCESS(summary))
        else:
            failed = [f for f in report.files if not f.ok]
            self.stdout.write(summary)
            raise CommandError(f"{len(failed)} file(s) could not be imported; see above.")

    def _print_file(self, file):
        if not file.ok:
            self.stderr.write(
                self.style.ERROR(f"✗ {file.path}: {file.error} — nothing imported from it")
            )
            return
        self.stdout.write(
            f"✓ {file.path}: {file.created} created, {file.updated} updated, "
            f"{file.unchanged} unchanged"
        )
        for conflict in file.conflicts:
            self.stdout.write(self.style.WARNING(f"    conflict: {conflict}"))
        if file.missing_images:
            self.stdout.write(
                self.style.WARNING(
                    f"    {len(file.missing_images)} image(s) missing, recorded for upload later: "
                    + ", ".join(file.missing_images[:5])
                    + (" …" if len(file.missing_images) > 5 else "")
                )
            )
        for uncertain in file.uncertain:
            self.stdout.write(self.style.WARNING(f"    place: {uncertain}"))
        for warning in file.warnings[:20]:
            self.stdout.write(self.style.WARNING(f"    warning: {warning}"))
        if len(file.warnings) > 20:
            self.stdout.write(
                self.style.WARNING(f"    … and {len(file.warnings) - 20} more warnings")
            )

    def _progress(self, done: int, total: int):
        if total < PROGRESS_FROM:
            return
        step = max(1, total // 50)
        if done % step and done != total:
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total} sections")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
