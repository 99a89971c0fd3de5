"""A reader of gettext .po files, enough for the translation tests (the .venv has no polib).

Reads what makemessages and msgmerge write: comments and flags, msgctxt, msgid, msgid_plural,
msgstr and msgstr[n], each possibly continued on "..." lines. Obsolete entries (#~) are skipped.
"""

import dataclasses
import re

ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def unquote(text):
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m[1], m[1]), text.strip()[1:-1])


@dataclasses.dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    plural_forms: dict = dataclasses.field(default_factory=dict)  # n -> msgstr[n]
    flags: set = dataclasses.field(default_factory=set)
    line: int = 0

    @property
    def translations(self):
        return list(self.plural_forms.values()) if self.msgid_plural is not None else [self.msgstr]

    @property
    def translated(self):
        return all(self.translations) and bool(self.translations)

    @property
    def fuzzy(self):
        return "fuzzy" in self.flags


def parse(path):
    """(header dict, [Entry]) of a .po file, the header entry (msgid "") not in the list."""
    entries, entry, field = [], None, None
    for number, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#~"):
            if entry is not None and not stripped:
                entries.append(entry)
                entry = None
            continue
        if entry is None:
            entry = Entry(line=number)
        if stripped.startswith("#,"):
            entry.flags |= {flag.strip() for flag in stripped[2:].split(",")}
        elif stripped.startswith("#"):
            continue
        elif match := KEYWORD.match(stripped):
            keyword, index, value = match[1], match[2], unquote(match[3])
            field = ("plural", int(index)) if index is not None else keyword
            if index is not None:
                entry.plural_forms[int(index)] = value
            else:
                setattr(entry, keyword, value)
        elif stripped.startswith('"') and field is not None:
            if isinstance(field, tuple):
                entry.plural_forms[field[1]] += unquote(stripped)
            else:
                setattr(entry, field, getattr(entry, field) + unquote(stripped))
        else:
            raise ValueError(f"{path}:{number}: cannot read {line!r}")
    if entry is not None:
        entries.append(entry)
    header = next((e for e in entries if e.msgid == "" and e.msgctxt is None), None)
    fields = {}
    if header is not None:
        for row in header.msgstr.split("\n"):
            if ":" in row:
                key, value = row.split(":", 1)
                fields[key.strip()] = value.strip()
    return fields, [e for e in entries if e is not header]
