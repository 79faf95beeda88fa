"""Problems found in an import file, carried as English message ids with parameters.

Plain Python, no Django. The reading, mapping and row modules report what is wrong with
a file, a cell or a row as a ``Problem``: an English msgid (marked with ``gettext_noop``
so that ``makemessages`` extracts it) and its parameters. The Django layer
(``anett.imports.texts``) translates it when it is shown, so that the stored problems
follow the language of whoever reads them; German comes from
``scripts/de_translations_imports.py``.
"""

from __future__ import annotations

from typing import NamedTuple


def gettext_noop(message: str) -> str:
    """Mark a message for translation (``makemessages`` looks for this name)."""
    return message


class Problem(NamedTuple):
    msgid: str
    params: dict

    def as_json(self) -> list:
        return [self.msgid, self.params]

    @classmethod
    def from_json(cls, value) -> Problem:
        msgid, params = value
        return cls(msgid, dict(params or {}))

    def english(self) -> str:
        """The message in English, for logs and tests."""
        return self.msgid % self.params if self.params else self.msgid


def problem(msgid: str, **params) -> Problem:
    return Problem(msgid, params)


class ImportFileError(Exception):
    """The file cannot be imported at all (empty, unreadable, broken header)."""

    def __init__(self, msgid: str, **params):
        super().__init__(msgid % params if params else msgid)
        self.problem = Problem(msgid, params)


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA' (as a spreadsheet names its columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
