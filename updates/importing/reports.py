"""What an import run reports, per file and in all."""

from dataclasses import dataclass, field


@dataclass
class FileReport:
    path: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    missing_images: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Place mentions not linked, or linked with low confidence: "line 12: “Andriivka” ...".
    uncertain: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)  # of the run, not of one file

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.files)

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)
