"""Build the Word template of the reminder letter: src/dancu_cli/templates/reminder.docx.

A công văn per Decree 30/2020/NĐ-CP, appendix III, form 1.5, with the page layout of
appendix I (the same as the summary's: dancu_cli/core/decree30.py): no document-type
name; the number and symbol with the subject "V/v …" (12 pt) under it in the issuer's
column, the place and date opposite; "Kính gửi:" with the addressees; the body, 14 pt,
justified, first line indented; "Nơi nhận:" and the signature block side by side. The
placeholders are docxtpl (Jinja2) tags over dancu_cli.core.reminders.Reminder.

Offices restyle the result in Word itself (styles "Normal", "Nội dung công văn"); this
script is only how the shipped file is made reproducibly.

    python tools/build_reminder_template.py [OUTPUT.docx]
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Cm

from dancu_cli.core.decree30 import (BODY_PT, CONTENT_CM, HEADER_COLUMNS_CM, LEFT, cant_split, cell_margins,
                                     compatibility, page_numbers, page_setup, para, rule, run, setup_styles, table)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_docx_template import closing, save_reproducibly, tag  # noqa: E402  (the signature block is the summary's)

OUT = Path(__file__).resolve().parents[1] / "src" / "dancu_cli" / "templates" / "reminder.docx"
BODY_STYLE = "Nội dung công văn"
ADDRESS_COLUMNS_CM = (5.0, CONTENT_CM - 5.0)
RIGHT = 2  # WD_ALIGN_PARAGRAPH.RIGHT


def letter_styles(doc) -> None:
    setup_styles(doc)
    body = doc.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = doc.styles["Normal"]
    body.paragraph_format.first_line_indent = Cm(1.27)


def header_block(doc) -> None:
    left, right = HEADER_COLUMNS_CM
    t = table(doc, 2, HEADER_COLUMNS_CM)
    cell_margins(t, 0)
    issuer, motto = t.rows[0].cells
    tag(issuer, "{%p if header.parent %}")
    para(issuer, "{{ header.parent }}", size=12)
    tag(issuer, "{%p endif %}")
    para(issuer, "{{ header.issuer }}", size=12, bold=True)
    rule(issuer, 2.4, left)
    para(motto, "{{ header.motto }}", size=12, bold=True)
    para(motto, "{{ header.slogan }}", size=13, bold=True)
    rule(motto, 5.9, right)
    for row in t.rows:
        cant_split(row)
    number, place = t.rows[1].cells
    para(number, "{{ header.number }}", size=13, before=6)
    para(number, "{{ subject }}", size=12)  # "V/v …" under the number: a công văn has no type name
    para(place, "{{ header.place_date }}", size=14, italic=True, before=6)


def addressees(doc) -> None:
    para(doc, size=BODY_PT, before=6)  # room between the header and "Kính gửi:"
    t = table(doc, 1, ADDRESS_COLUMNS_CM)
    cell_margins(t, 0.1)
    label, names = t.rows[0].cells
    para(label, "Kính gửi:", align=RIGHT)
    tag(names, "{%p if addressees|length == 1 %}")
    para(names, "{{ addressees[0] }}.", align=LEFT)
    tag(names, "{%p else %}")
    tag(names, "{%p for a in addressees %}")
    para(names, "- {{ a }}{{ '.' if loop.last else ';' }}", align=LEFT)
    tag(names, "{%p endfor %}")
    tag(names, "{%p endif %}")
    para(doc, size=BODY_PT, after=6)  # and between the addressees and the body


def body(doc) -> None:
    text = lambda s: para(doc, s, style=BODY_STYLE)  # noqa: E731

    def unit_line(tail: str):
        p = text("{{ u.number }}. ")
        run(p, "{{ u.name }}", bold=True)
        run(p, tail)

    def items():
        tag(doc, "{%p for i in u.items %}")
        text("- {{ i.text }}{{ '.' if loop.last else ';' }}")
        tag(doc, "{%p endfor %}")

    text("{{ intro }}")
    text("{{ lead_in }}")
    tag(doc, "{%p for u in units %}")
    tag(doc, "{%p if units|length == 1 %}")
    items()
    tag(doc, "{%p elif u.items|length == 1 %}")
    unit_line(": {{ u.items[0].text }}.")  # one line per unit when it owes one thing
    tag(doc, "{%p else %}")
    unit_line(":")
    items()
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    text("{{ request }}")


def build(out: Path = OUT) -> Path:
    doc = Document()
    section = doc.sections[0]
    page_setup(section)
    letter_styles(doc)
    page_numbers(section)
    header_block(doc)
    addressees(doc)
    body(doc)
    closing(doc)
    compatibility(doc)
    return save_reproducibly(doc, out)


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
