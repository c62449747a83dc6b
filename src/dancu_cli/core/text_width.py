"""How wide a line of bold Times New Roman is, to break a heading where the word processor will.

The widths are Times New Roman Bold's advance widths in thousandths of an em (measured on Liberation
Serif Bold, which is metric-compatible with it, so Word and LibreOffice break lines at the same words).
A character missing from the table counts as a wide letter.
"""

from __future__ import annotations

from functools import lru_cache

_WIDTHS_BOLD: dict[int, str] = {
    220: "|",
    250: " ,.",
    278: "'/\\ilìíîïĩīĭįıĺļłſƚỉị",
    307: "Ɩ",
    333: "!()-:;[]`fjtĵţŧƫƭ‘’",
    389: "IsÌÍÎÏĨĪĬĮİśŝşšƗƨỈỊ",
    394: "{}",
    396: "ŀ",
    444: "cerzçèéêëćĉċčēĕėęěŕŗřźżžƈẹẻẽếềểễệ",
    469: "ľ",
    491: "ƛ",
    500: "#$*0123456789?J_agovxyàáâãäåðòóôõöøýÿāăąĝğġģĴōŏőŷƒạảấầẩẫậắằẳẵặọỏốồổỗộỳỵỷỹ–“”",
    513: "ƪ",
    519: "ƍ",
    520: "~",
    521: "ť",
    528: "Ɛ",
    549: "÷",
    552: "ĳ",
    554: "ơớờởỡợ",
    555: "\"",
    556: "SbdhknpqußñùúûüþđĥħķĸńņňŋŚŜŞŠũūŭůűųƀƃƅƌƙƞƥƧụủ",
    570: "+<=>×",
    581: "^",
    600: "ưứừửữự",
    611: "FPÞƑƦ",
    654: "Ʃ",
    661: "ƂƄƋ",
    667: "BELTZÈÉÊËĒĔĖĘĚĹĻĽĿŁŢŤŦŹŻŽƎƬƮẸẺẼẾỀỂỄỆ",
    694: "Ƥ",
    722: "ACDNRUVXYwÀÁÂÃÄÅÇÐÑÙÚÛÜÝæĀĂĄĆĈĊČĎĐŃŅŇœŔŖŘŨŪŬŮŰŲŵŶŸƆƇƉƔƝẠẢẤẦẨẪẬẮẰẲẴẶỤỦỲỴỶỸ",
    729: "ŉ",
    733: "ď",
    739: "Ə",
    755: "Ɓ",
    769: "Ŋ",
    771: "ƣ",
    778: "GHKOQÒÓÔÕÖØĜĞĠĢĤĦĶŌŎŐƓƘƟƠỌỎỐỒỔỖỘỚỜỞỠỢ",
    782: "ƕ",
    796: "ƯỨỪỬỮỰ",
    816: "Ɗ",
    823: "Ĳ",
    833: "&m",
    930: "@",
    940: "Ɯ",
    944: "M",
    1000: "%WÆŒŴ—…",
    1056: "Ƣ",
}
_DEFAULT = 722  # an unknown character: as wide as a capital


@lru_cache(maxsize=1)
def _widths() -> dict[str, int]:
    table = {c: w for w, chars in _WIDTHS_BOLD.items() for c in chars}
    table["\u00a0"] = table[" "]  # a no-break space is as wide as a space
    return table


def width_pt(text: str, size_pt: float) -> float:
    """The width of `text` in points at `size_pt`, in bold."""
    table = _widths()
    return sum(table.get(c, _DEFAULT) for c in text) * size_pt / 1000


def wrap(text: str, first_pt: float, rest_pt: float, size_pt: float) -> list[str]:
    """`text` broken into lines greedily, as a word processor does without hyphenation: the first line
    `first_pt` wide (after a first-line indent), the others `rest_pt`."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        room = first_pt if not lines else rest_pt
        if current and width_pt(candidate, size_pt) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
