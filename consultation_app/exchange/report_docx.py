"""The mid-term report's editable draft as a Word document (python-docx): in catalog order,
per part, section and cluster (theme) and per recommendation, the implementation status on
file (status, measures, responsible institutions, indicator) and what the consultations said
(counts, distributions, a chart per cluster as an image, up to three quotes under the PDF's
protection rules, gathered in report_content).

Headings use Word's own heading styles (Heading 1-4), so References > Table of Contents
works. Khmer is set in the complex-script font slot of every style (w:cs) as "Khmer UI", the
Khmer font Windows ships; LibreOffice and Word elsewhere substitute an installed Khmer font
for it (here: Noto Sans Khmer). Latin text keeps the template's font.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from consultation_app.domain.implementation import status_label
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import clean_text
from consultation_app.exchange.report_content import (
    ASSESSMENT_COLOURS,
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

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

WORD_KHMER_FONT = "Khmer UI"
_STYLES = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Quote")


def _khmer_fonts(document: Document) -> None:
    """Every style (and the document's defaults) sets Khmer in the complex-script slot."""
    from docx.oxml.ns import qn

    targets = [document.styles[name].element.get_or_add_rPr() for name in _STYLES]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None and run_defaults.find(qn("w:rPr")) is not None:
            targets.append(run_defaults.find(qn("w:rPr")))
    for rpr in targets:
        fonts = rpr.get_or_add_rFonts() if hasattr(rpr, "get_or_add_rFonts") else rpr.find(qn("w:rFonts"))
        if fonts is None:
            continue
        fonts.set(qn("w:cs"), WORD_KHMER_FONT)
        fonts.attrib.pop(qn("w:cstheme"), None)


class _Body:
    """Paragraphs appended in constant time. python-docx's Document.add_paragraph finds the
    body's section properties by scanning every paragraph already there, and looks styles up by
    name each time: quadratic, 16 s of a 1,000-recommendation draft. Here the new paragraph goes
    right before the section properties, found once, and styles are resolved once."""

    def __init__(self, document: Document) -> None:
        from docx.oxml.ns import qn

        self.document = document
        self.body = document._body
        self.section_properties = document.element.body.find(qn("w:sectPr"))
        # Style ids, resolved once (the style setter checks the default style at every call).
        self.styles = {name: document.styles[name].style_id for name in _STYLES + ("Heading 2", "Heading 3")}

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        self.section_properties.addprevious(element)
        paragraph = Paragraph(element, self.body)
        if style:
            element.get_or_add_pPr().style = self.styles[style]
        if text:
            paragraph.add_run(text)
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, f"Heading {level}")


def _text(value: Any) -> str:
    return clean_text(str(value or ""))


def _bold(run: Run) -> None:
    """Bold in both slots: w:b for Latin, w:bCs for Khmer (a complex script)."""
    run.bold = True
    run.font.cs_bold = True


def _labelled(document: _Body, label: str, value: str) -> Paragraph:
    paragraph = document.paragraph()
    _bold(paragraph.add_run(_text(label) + ": "))
    paragraph.add_run(_text(value))
    paragraph.paragraph_format.space_after = 0
    return paragraph


def _distribution(reference: ReferenceLists, list_name: str, counts: dict[str, int], language: str) -> str:
    return " · ".join(f"{value_label(reference, list_name, key, language)} {count}"
                      for key, count in counts.items() if count)


def write_docx(path: Path, content: ReportContent, reference: ReferenceLists,
               on_row: Callable[[], None] | None = None) -> int:
    """Write the draft; returns the number of chart images in it. ``on_row``: after each
    recommendation (progress)."""
    from docx import Document
    from docx.shared import Cm, Pt

    from consultation_app.exchange.report_charts import stacked_bars_png

    language = content.language
    word = Document()
    _khmer_fonts(word)
    word.styles["Normal"].font.size = Pt(10.5)
    word.core_properties.title = say("midterm_title", language)
    word.core_properties.author = "consultation-app"
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    section.left_margin = section.right_margin = Cm(2.2)
    document = _Body(word)
    document.paragraph(_text(say("midterm_title", language)), "Title")
    document.paragraph(_text(say("draft_note", language)), "Subtitle")
    for catalog in content.catalogs:
        title = catalog["title_km"] if language == "km" and catalog["title_km"] else catalog["title"]
        _labelled(document, catalog["catalog_id"], f"{title} (version {catalog['version']})")
    for key, value in filter_lines(reference, content.filters, language):
        _labelled(document, key, value)
    _labelled(document, say("generated", language), content.generated_at.replace("T", " ")[:16] + " UTC")
    _labelled(document, say("consultations", language), f"{content.total.consultations:,}")
    _labelled(document, say("feedback", language), f"{content.total.entries:,}")
    _labelled(document, say("discussed", language), f"{content.discussed} {say('of', language)} {len(content.rows)}")
    document.paragraph(_text(say("privacy", language)))
    labels_p = {key: value_label(reference, PRIORITIES, key, language) for key in content.priority_columns}
    labels_a = {key: value_label(reference, ASSESSMENTS, key, language) for key in content.assessment_columns}
    theme_figures = {theme["key"]: theme for theme in content.themes}
    images = 0
    charted: set = set()  # one chart per cluster, where its first recommendation is
    part = section_title = theme = None
    for row in content.rows:
        if row["part"] != part:
            document.heading(_text(row["part"]), 1)
            part, section_title, theme = row["part"], None, None
        if row["section"] and row["section"] != section_title:
            document.heading(_text(row["section"]), 2)
            section_title, theme = row["section"], None
        cluster = (row["catalog_id"], row["theme_key"])
        if row["theme"] and row["theme"] not in (part, section_title, theme):
            document.heading(_text(row["theme"]), 3)
            theme = row["theme"]
        if cluster not in charted:  # its chart, also under a cluster titled as its part (no heading of its own)
            figures = theme_figures.get(cluster)
            if figures and figures["total"].entries and cluster not in charted:
                charted.add(cluster)
                png = stacked_bars_png([
                    (say("priority", language), _listed(figures["priorities"], labels_p), PRIORITY_COLOURS, labels_p),
                    (say("assessment", language), _listed(figures["assessments"], labels_a), ASSESSMENT_COLOURS,
                     labels_a)])
                from io import BytesIO

                document.paragraph().add_run().add_picture(BytesIO(png), width=Cm(16))
                images += 1
        _recommendation(document, row, content, reference, language)
        if on_row is not None:
            on_row()
    # Built in memory, then written in one go: python-docx's zip writer left open by a full disk
    # would print its own traceback when collected, after the one-line message.
    from io import BytesIO

    built = BytesIO()
    word.save(built)
    with open(path, "wb") as handle:
        handle.write(built.getbuffer())
    return images


def _listed(counts: dict, labels: dict) -> dict:
    """A cluster's counts for the report's columns only: the "not recorded" bucket, empty in the
    whole report, is no legend item of its own (it showed as a bare "(0)")."""
    return {key: count for key, count in counts.items() if key in labels}


def _recommendation(document: _Body, row: dict, content: ReportContent, reference: ReferenceLists,
                    language: str) -> None:
    from docx.shared import Cm

    heading = row["code"] if not row["text"] else f"{row['code']}  {short_title(row['text'], 70)}"
    document.heading(_text(heading), 4)
    if row["text"]:
        document.paragraph(_text(row["text"]))
    if row.get("upr_position"):
        _labelled(document, say("position", language), row["upr_position"])
    if row.get("recommending_states"):
        _labelled(document, say("states", language), ", ".join(row["recommending_states"]))
    record = row.get("implementation")
    if record:
        updated = f" ({say('updated', language)} {record['updated_at'][:10]})"
        _labelled(document, say("status", language), (status_label(record["status"], language) or
                                                      say("no_status", language)) + updated)
        if record["measures"]:
            _labelled(document, say("measures", language), record["measures"])
        if record["institutions"]:
            names = [content.institutions.get(key, key) for key in record["institutions"]]
            _labelled(document, say("institutions", language), "; ".join(names))
        if record["indicator"]:
            due = f" ({say('due', language, date=record['indicator_due'])})" if record["indicator_due"] else ""
            _labelled(document, say("indicator", language), record["indicator"] + due)
    else:
        _labelled(document, say("status", language), say("no_status", language))
    said = document.paragraph()
    _bold(said.add_run(_text(say("said", language))))
    said.paragraph_format.space_before = Cm(0.15)
    said.paragraph_format.space_after = 0
    if not row["feedback"]:
        document.paragraph(_text(say("no_feedback", language)))
        return
    document.paragraph(_text(say("entries_from", language, feedback=f"{row['feedback']:,}",
                                 consultations=f"{row['consultations']:,}"))).paragraph_format.space_after = 0
    _labelled(document, say("priority", language),
              _distribution(reference, PRIORITIES, row["priority_counts"], language))
    _labelled(document, say("assessment", language),
              _distribution(reference, ASSESSMENTS, row["assessment_counts"], language))
    for quote in row["quotes"]:
        words, translation = quote_words(quote, language)
        paragraph = document.paragraph(style="Quote")
        paragraph.add_run(f"“{_text(words)}”")
        if translation:
            paragraph.add_run(f" — “{_text(translation)}”").italic = True
        paragraph.add_run(f" ({_text(quote_source(quote, reference, language))})")
