"""Problems found in a project, and the exceptions rolebook raises."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

ERROR = "error"
WARNING = "warning"


class Source(NamedTuple):
    """Where a value stands: a display path and a 1-based line and column."""

    file: str
    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str

    @classmethod
    def at(cls, source: Source, code: str, message: str, severity: str = ERROR) -> Problem:
        return cls(source.file, source.line, source.column, severity, code, message)

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.code, self.message)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}]: {self.message}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


def sorted_unique(problems) -> list[Problem]:
    """Problems sorted by file and position, each reported once."""
    return sorted(set(problems), key=Problem.sort_key)


class RolebookError(Exception):
    """Root of the errors rolebook reports to the user (never a traceback)."""

    exit_code = 1


class WriterError(RolebookError):
    """A document asks for something a writer (Word or HTML) cannot express."""


class UsageError(RolebookError):
    """The command itself was misused: no such path, bad option value."""

    exit_code = 2
