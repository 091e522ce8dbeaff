"""Errors every command can raise; the CLI turns them into one line and exit code 2."""

from __future__ import annotations


class SpecwardError(Exception):
    """Bad input of any kind: the CLI prints it on one line and exits 2."""


class SpecError(SpecwardError):
    """A problem in a spec file, pointing at ``file:line`` when the line is known."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        if self.file and self.line:
            return f"{self.file}:{self.line}: {self.message}"
        if self.file:
            return f"{self.file}: {self.message}"
        return self.message
