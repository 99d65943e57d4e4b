"""The report as a printable A4 PDF whose text can be copied and searched, Khmer included.

Why not Qt's PDF writer (report_pdf.py, the earlier route): it maps each glyph back to text
on its own, in glyph order, so a Khmer vowel sign drawn before its consonant comes out first
and a subscript comes out apart (pdftotext of "ពេលយើងនិយាយ" gave "េពលេយី ងនិ"). Neither Qt
nor LibreOffice (checked: 7.4 exports no /ActualText, and pdftotext then splits clusters with
spaces) writes what a PDF reader needs to undo that. Here fpdf2 shapes the text with
HarfBuzz (uharfbuzz) and every run of Khmer is wrapped in a marked-content span carrying its
exact text (/ActualText, PDF 1.5, section 14.9.4): readers (poppler's pdftotext, Acrobat, pdf.js)
copy and search that text instead of guessing from glyphs. Latin runs need no span.

Layout: cover (titles, catalogs, filters, totals, protection note, figures per theme), then
per part, section and theme each recommendation with its figures, two stacked bars, the
implementation status on file and up to three quotes; "Page n of N" in the footer. Lines are
broken here, at spaces, zero-width spaces and Khmer syllable starts (a consonant or independent
vowel not under a coeng), and written one by one, so no span crosses a page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from consultation_app import __version__, paths
from consultation_app.domain.implementation import status_label
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import clean_text
from consultation_app.errors import AppError
from consultation_app.exchange.report_content import (
    ASSESSMENT_COLOURS,
    FALLBACK_COLOURS,
    PRIORITY_COLOURS,
    ReportContent,
    filter_lines,
    quote_source,
    quote_words,
    say,
    short_title,
    value_label,
)
from consultation_app.storage.dashboard_queries import ASSESSMENTS, PRIORITIES

KHMER_RUN = re.compile(r"([\u1780-\u17FF\u19E0-\u19FF\u200B-\u200D]+[ \u00A0]*)")
# Where a line may break: after a space or zero-width space, or before a Khmer syllable.
BREAK = re.compile(r"(?<=[ \u200B])|(?<![\u17D2\u200B ])(?=[\u1780-\u17B3])")
FONTS = {("latin", ""): "NotoSans-Regular.ttf", ("latin", "B"): "NotoSans-Bold.ttf",
         ("khmer", ""): "NotoSansKhmer-Regular.ttf", ("khmer", "B"): "NotoSansKhmer-Bold.ttf"}
MARGIN, PAGE_W, PAGE_H = 16.0, 210.0, 297.0
INK, GREY, BLUE, RED = "#1B2631", "#566573", "#1A5276", "#922B21"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _pdf_text_string(text: str) -> str:
    """A PDF text string in UTF-16BE with its byte-order mark, as a hex string."""
    return "<" + (b"\xfe\xff" + text.encode("utf-16-be")).hex().upper() + ">"


def _line_height(line: str, size: float) -> float:
    """Millimetres per line: Khmer stacks subscripts and vowel signs above and below."""
    return size * (0.72 if KHMER_RUN.search(line) else 0.55)


class _Writer:
    on_row: Callable[[], None] | None = None  # after each recommendation (write_pdf's progress)

    def __init__(self, content: ReportContent):
        from fpdf import FPDF

        fonts = paths.resources_dir() / "fonts"
        missing = [name for name in FONTS.values() if not (fonts / name).exists()]
        if missing:
            raise AppError(f"the bundled fonts {', '.join(missing)} are missing from {fonts}")
        language = content.language
        footer_words = say("page", language, page="{page}", pages="{nb}")
        writer = self

        class _PDF(FPDF):
            def footer(self) -> None:  # noqa: D401 (fpdf2's hook)
                self.set_y(PAGE_H - 11)
                writer._line(footer_words.replace("{page}", str(self.page_no())), 7.5, GREY, "", x=MARGIN,
                             search_spans=False)

        pdf = _PDF(unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN, 14, MARGIN)
        for (family, style), name in FONTS.items():
            pdf.add_font(family, style, str(fonts / name))
        self._shaping = False
        pdf.set_creator(f"consultation-app {__version__}")
        pdf.set_title(say("title", language))
        self.pdf = pdf
        self._widths: dict[tuple[str, float, str], float] = {}
        self.bottom = PAGE_H - 16

    # -- text ------------------------------------------------------------------------------
    def _font(self, family: str, style: str, size: float) -> None:
        """Select a font; shape with HarfBuzz for Khmer only. Latin needs no shaping here, and
        fpdf2's shaping path (bidi analysis and HarfBuzz per cell) took most of the time."""
        pdf = self.pdf
        pdf.set_font(family, style, size)
        shaping = family == "khmer"
        if shaping != self._shaping:
            if shaping:
                pdf.set_text_shaping(True, direction="ltr", script="khmr", language="KHM")
            else:
                pdf.set_text_shaping(False)
            self._shaping = shaping

    def _runs(self, text: str) -> list[tuple[str, str]]:
        return [("khmer" if KHMER_RUN.fullmatch(part) else "latin", part) for part in KHMER_RUN.split(text) if part]

    def _width(self, text: str, size: float, style: str) -> float:
        key = (text, size, style)
        width = self._widths.get(key)
        if width is None:
            pdf, width = self.pdf, 0.0
            for family, run in self._runs(text):
                self._font(family, style, size)
                width += pdf.get_string_width(run)
            if len(self._widths) > 200_000:  # a bound on memory for a very long report
                self._widths.clear()
            self._widths[key] = width
        return width

    def _break(self, text: str, width: float, size: float, style: str) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0  # the line so far and its width (the sum of its pieces' widths)
            for piece in (p for p in BREAK.split(paragraph) if p):
                piece_width = self._width(piece, size, style)
                if line and used + piece_width - self._trailing(piece, size, style) > width:
                    lines.append(line)
                    line, used = "", 0.0
                while not line and self._width(piece.rstrip(), size, style) > width and len(piece) > 1:
                    cut = len(piece) - 1  # one unbreakable piece wider than the line: cut it
                    while cut > 1 and self._width(piece[:cut], size, style) > width:
                        cut -= 1
                    lines.append(piece[:cut])
                    piece = piece[cut:]
                    piece_width = self._width(piece, size, style)
                line += piece
                used += piece_width
            lines.append(line)
        return lines

    def _trailing(self, piece: str, size: float, style: str) -> float:
        """The width of a piece's trailing spaces (they may hang past the line's end)."""
        stripped = piece.rstrip(" ")
        return 0.0 if stripped == piece else self._width(piece, size, style) - self._width(stripped, size, style)

    def _line(self, line: str, size: float, colour: str, style: str, x: float, search_spans: bool = True) -> None:
        pdf = self.pdf
        pdf.set_text_color(*_rgb(colour))
        pdf.set_x(x)
        runs = self._runs(line)
        height = _line_height(line, size)
        for index, (family, run) in enumerate(runs):
            self._font(family, style, size)
            if not (search_spans and family == "khmer"):
                pdf.cell(pdf.get_string_width(run), height, run, new_x="RIGHT", new_y="TOP")
                continue
            shown = run.rstrip(" \u00a0")
            spaces = run[len(shown):]
            last = index == len(runs) - 1
            # The exact text of the glyphs that follow, for copy and search. A line's last
            # space (where it broke) is in the span: a reader joining the lines gets it back;
            # a space inside a line is drawn, and readers see it as a gap.
            pdf._out(f"/Span <</ActualText {_pdf_text_string(run if last else shown)}>> BDC")
            pdf.cell(pdf.get_string_width(shown), height, shown, new_x="RIGHT", new_y="TOP")
            pdf._out("EMC")
            if spaces and not last:
                pdf.cell(pdf.get_string_width(spaces), height, spaces, new_x="RIGHT", new_y="TOP")
        pdf.ln(height)

    def text(self, text: str, size: float = 9.5, colour: str = INK, style: str = "", indent: float = 0.0,
             before: float = 0.0) -> None:
        text = clean_text(text or "")
        if not text:
            return
        pdf = self.pdf
        width = PAGE_W - 2 * MARGIN - indent
        lines = self._break(text, width, size, style)
        total = sum(_line_height(line, size) for line in lines)
        # A paragraph that fits on a page starts on a new one rather than being cut by a footer.
        self.room(before + (total if total < self.bottom - 30 else _line_height(lines[0], size)))
        pdf.set_y(pdf.get_y() + before)
        for line in lines:
            self.room(_line_height(line, size))
            self._line(line, size, colour, style, MARGIN + indent)

    def room(self, height: float) -> None:
        if self.pdf.get_y() + height > self.bottom:
            self.pdf.add_page()

    def bar(self, label: str, counts: dict[str, int], colours: dict[str, str], indent: float = 4.0) -> None:
        total = sum(counts.values())
        if not total:
            return
        pdf = self.pdf
        self.room(5.5)
        y = pdf.get_y() + 0.6
        self._line(label, 7.5, GREY, "", x=MARGIN + indent)
        pdf.set_y(y - 0.6)
        left, span = MARGIN + indent + 28, PAGE_W - 2 * MARGIN - indent - 28
        fallback = iter(FALLBACK_COLOURS * 4)
        for key, count in counts.items():
            if not count:
                continue
            width = span * count / total
            colour = colours.get(key) or next(fallback)
            pdf.set_fill_color(*_rgb(colour))
            pdf.rect(left, y, width, 3.6, style="F")
            if width > 5:
                self._font("latin", "", 6.5)
                dark = colour in ("#C0392B", "#1E8449", "#E67E22")
                pdf.set_text_color(*_rgb("#FFFFFF" if dark else INK))
                pdf.set_xy(left, y)
                pdf.cell(width, 3.6, str(count), align="C")
            left += width
        pdf.set_xy(MARGIN, y + 4.6)

    # -- the report ------------------------------------------------------------------------
    def write(self, content: ReportContent, reference: ReferenceLists) -> None:
        language = content.language
        pdf = self.pdf
        pdf.add_page()
        self.text(say("title", language), 20, BLUE, "B")
        self.text(say("title", "en" if language == "km" else "km"), 12.5, "#1F618D", before=1)
        for catalog in content.catalogs:
            title = catalog["title_km"] if language == "km" and catalog["title_km"] else catalog["title"]
            self.text(f"{title} ({catalog['catalog_id']}, version {catalog['version']})", 9.5, before=2)
        self.text(say("filters", language), 12, "#1F618D", "B", before=4)
        for key, value in filter_lines(reference, content.filters, language):
            self.text(f"{key}: {value}")
        self.text(f"{say('generated', language)}: {content.generated_at.replace('T', ' ')[:16]} UTC")
        self.text(say("totals", language), 12, "#1F618D", "B", before=3)
        for key, value in ((say("consultations", language), f"{content.total.consultations:,}"),
                           (say("feedback", language), f"{content.total.entries:,}"),
                           (say("discussed", language), f"{content.discussed} {say('of', language)} "
                                                        f"{len(content.rows)}"),
                           (say("quotes", language), str(content.quote_count))):
            self.text(f"{key}: {value}")
        self.text(say("privacy_title", language), 12, "#1F618D", "B", before=3)
        self.text(say("privacy", language))
        self.text(say("glance", language), 12, "#1F618D", "B", before=3)
        for figures in content.themes:
            total = figures["total"]
            self.text(f"{short_title(figures['title'], 80)}: {say('entries_from', language, feedback=total.entries, consultations=total.consultations)}",  # noqa: E501
                      8.5, INK if total.entries else RED, before=1)
            self.bar(say("priority", language), figures["priorities"], PRIORITY_COLOURS)
            self.bar(say("assessment", language), figures["assessments"], ASSESSMENT_COLOURS)
        self.text(say("reading", language), before=3)
        for name, list_name, keys in (("priority", PRIORITIES, content.priority_columns),
                                      ("assessment", ASSESSMENTS, content.assessment_columns)):
            legend = ", ".join(value_label(reference, list_name, key, language) for key in keys)
            self.text(f"{say(name, language)}: {legend}", 8)
        pdf.add_page()
        part: str | None = None
        section: str | None = None
        theme: str | None = None
        for row in content.rows:
            if row["part"] != part:
                self.room(30)
                self.text(row["part"], 14, BLUE, "B", before=4)
                part, section, theme = row["part"], None, None
            if row["section"] and row["section"] != section:
                self.room(25)
                self.text(row["section"], 12, "#1F618D", "B", before=3)
                section, theme = row["section"], None
            if row["theme"] and row["theme"] not in (part, section, theme):
                self.room(20)
                self.text(row["theme"], 10.5, "#2471A3", "B", before=2)
                theme = row["theme"]
            self.recommendation(row, content, reference, language)
            if self.on_row is not None:
                self.on_row()

    def recommendation(self, row: dict, content: ReportContent, reference: ReferenceLists, language: str) -> None:
        self.room(14)
        self.text(row["code"], 9.5, BLUE, "B", before=2.5)
        self.text(row["text"])
        record = row.get("implementation")
        if record and record.get("status"):
            status = f"{say('status', language)}: {status_label(record['status'], language)}"
            if record["institutions"]:
                status += " · " + "; ".join(content.institutions.get(key, key) for key in record["institutions"])
            self.text(status, 8.5, GREY)
        for earlier in row.get("predecessors", ()):  # confirmed links to an earlier cycle
            self.text(say("predecessor", language, code=earlier["from_code"], catalog=earlier["from_catalog"],
                          feedback=f"{earlier['entries']:,}", consultations=f"{earlier['consultations']:,}"),
                      8.5, GREY)
        if not row["feedback"]:
            self.text(say("no_feedback", language), 8.5, RED)
            return
        self.text(say("entries_from", language, feedback=f"{row['feedback']:,}",
                      consultations=f"{row['consultations']:,}"), 8.5, GREY)
        self.bar(say("priority", language), row["priority_counts"], PRIORITY_COLOURS)
        self.bar(say("assessment", language), row["assessment_counts"], ASSESSMENT_COLOURS)
        for quote in row["quotes"]:
            words, translation = quote_words(quote, language)
            self.text(f"“{words}”", 8.5, indent=6, before=0.8)
            if translation:
                self.text(f"— “{translation}”", 8.5, GREY, indent=6)
            self.text(f"({quote_source(quote, reference, language)})", 7.5, GREY, indent=6)


def write_pdf(path: Path, content: ReportContent, reference: ReferenceLists,
              on_row: Callable[[], None] | None = None) -> int:
    """Write the report's PDF; returns its page count. ``on_row``: after each recommendation (progress)."""
    writer = _Writer(content)
    writer.on_row = on_row
    try:
        writer.write(content, reference)
        data = bytes(writer.pdf.output())
    except BaseException:  # cancelled or failed midway: the fonts' files, which output() closes, closed here
        for font in writer.pdf.fonts.values():
            close = getattr(font, "close", None)
            if close is not None:
                close()
        raise
    with open(path, "wb") as file:  # a failed write raises (files.atomic_output says why)
        file.write(data)
    return writer.pdf.pages_count
