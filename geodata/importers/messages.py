"""What an import tells the editor, kept as a code and its values and written out in the reader's language.

An upload is imported by the task worker, where no request has chosen a language, and its report is
read later on the job's admin page, by editors who may each read another language (the one who
uploaded it in Armenian, a reviewer in Russian). So nothing is translated when the import runs: a
bad row, a summary line or a refusal is a `Message` (a code of MESSAGES and its values), stored as
JSON in the job (ImportJob.report_lines) and rendered with gettext when a page or the status view
shows it, in the language of that request. The command line (`manage.py import_acled`) renders the
same messages in the command's language, settings.LANGUAGE_CODE.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# Each line a whole sentence with named values (docs/i18n.md): a translation may reorder them.
MESSAGES = {
    # The file.
    "missing_column": _("missing required column: %(column)s"),
    "bad_date": _("line %(line)d: bad event_date “%(value)s” (expected e.g. “03 October 2020”)"),
    "unknown_sub_event_type": _("line %(line)d: unknown sub_event_type “%(value)s”"),
    "sub_event_type_mismatch": _("line %(line)d: sub_event_type “%(sub_event_type)s” does not belong to "
                                 "event_type “%(event_type)s”"),
    "coordinates_not_numbers": _("line %(line)d: latitude/longitude are not numbers"),
    "coordinates_out_of_range": _("line %(line)d: coordinates out of range (%(lat)s, %(lon)s)"),
    "not_whole_numbers": _("line %(line)d: fatalities and timestamp must be whole numbers"),
    "precision_not_whole_numbers": _("line %(line)d: time_precision and geo_precision must be whole numbers"),
    "id_and_actor_required": _("line %(line)d: event_id_cnty and actor1 are required"),
    "already_controls": _("line %(line)d: control change of %(place)s to %(party)s, which already controls it"),
    "no_conflict": _("no conflict “%(slug)s” (tick “Create conflict”, or pass --create-conflict)"),
    # The report of an import that went through.
    "summary": _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                 "%(control_changes)d control changes"),
    "new_party": _("unmapped actor, new party: %(name)s"),
    "new_place": _("unmatched location, new place: %(name)s"),
    "suggestion": _("did you mean “%(suggestion)s” for “%(name)s”? (similarity %(score).2f; not applied: merge "
                    "the places in the admin if they are one)"),
    "missing_upstream": ngettext_lazy(
        "%(count)d event imported earlier is not in this file (deleted upstream?); kept, review it: %(ids)s",
        "%(count)d events imported earlier are not in this file (deleted upstream?); kept, review them: %(ids)s",
        "count",
    ),
    # A job's outcome, above its lines.
    "refused": _("Import refused, nothing written:"),
    "dry_run": _("Dry run, nothing written:"),
    "cancelled_before": _("Cancelled before it started; nothing written."),
    "cancelled_running": _("Cancelled while running; nothing written."),
    "not_utf8": _("The file is not UTF-8 text (%(reason)s); nothing written."),
    "stale": _("Nothing written: the %(record)s with ID %(id)s was changed by someone else while the import ran. "
               "Run the import again."),
}
# Lines shown under the line they belong to.
INDENTED = {"suggestion"}


@dataclass(frozen=True)
class Message:
    code: str
    values: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.code not in MESSAGES:
            raise ValueError(f"unknown import message {self.code!r}")

    def __str__(self):
        values = dict(self.values)
        if "model" in values:  # a record named by its model: its name in the reader's language
            values["record"] = apps.get_model(values.pop("model"))._meta.verbose_name
        text = str(MESSAGES[self.code] % values)
        return f"  {text}" if self.code in INDENTED else text

    def as_json(self):
        return {"code": self.code, "values": self.values}

    @classmethod
    def from_json(cls, data):
        return cls(data["code"], data.get("values") or {})


def render(lines):
    """The stored lines (Message.as_json) as text, in the active language. A line {"text": ...} is a report
    written before reports were stored as messages (migration 0017), shown as it was written, in English."""
    return "\n".join(line["text"] if "text" in line else str(Message.from_json(line)) for line in lines)
