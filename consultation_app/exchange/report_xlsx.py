"""The report as an Excel workbook: a cover, the per-recommendation table, the per-theme
figures and native Excel charts (stacked bars of priorities and of assessments per theme)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consultation_app import __version__
from consultation_app.domain.reference import ReferenceLists
from consultation_app.domain.text import clean_text
from consultation_app.exchange.files import open_workbook
from consultation_app.exchange.report_content import (
    ASSESSMENT_COLOURS,
    FALLBACK_COLOURS,
    PRIORITY_COLOURS,
    QUOTES_PER_RECOMMENDATION,
    ReportContent,
    filter_lines,
    quote_source,
    quote_words,
    say,
    short_title,
    value_label,
)
from consultation_app.storage.dashboard_queries import ASSESSMENTS, PRIORITIES


# -- Excel -----------------------------------------------------------------------------------------
def write_xlsx(path: Path, content: ReportContent, reference: ReferenceLists) -> None:
    language = content.language
    with open_workbook(path, constant_memory=False) as workbook:
        workbook.set_properties({"title": say("title", language), "author": "consultation-app",
                                 "comments": f"consultation-app {__version__}, generated {content.generated_at}"})
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 15, "font_color": "#1A5276"})
        header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "bottom", "bg_color": "#D5DFEA",
                                      "font_size": 9, "border": 1, "border_color": "#FFFFFF"})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top", "font_size": 9})
        code = workbook.add_format({"bold": True, "valign": "top", "font_size": 9})
        number = workbook.add_format({"valign": "top", "font_size": 9, "num_format": '0;-0;""', "align": "center"})
        total = workbook.add_format({"valign": "top", "font_size": 9, "bold": True, "align": "center"})
        muted = workbook.add_format({"font_color": "#566573", "text_wrap": True, "valign": "top"})

        cover = workbook.add_worksheet("cover")
        charts = workbook.add_worksheet("charts")
        summary = workbook.add_worksheet("summary")
        themes = workbook.add_worksheet("themes")

        # cover
        cover.hide_gridlines(2)
        cover.set_column(0, 0, 36)
        cover.set_column(1, 1, 80)
        cover.set_paper(9)
        cover.fit_to_pages(1, 0)
        cover.write_string(0, 0, say("title", language), title)
        cover.write_string(1, 0, say("title", "en" if language == "km" else "km"))
        row = 3
        for label, text in filter_lines(reference, content.filters, language):
            cover.write_string(row, 0, label, bold)
            cover.write_string(row, 1, text)
            row += 1
        cover.write_string(row, 0, say("generated", language), bold)
        cover.write_string(row, 1, content.generated_at.replace("T", " ")[:16] + " UTC")
        row += 2
        for label, figure in ((say("consultations", language), content.total.consultations),
                              (say("feedback", language), content.total.entries),
                              (say("discussed", language), content.discussed),
                              (say("quotes", language), content.quote_count)):
            cover.write_string(row, 0, label, bold)
            cover.write_number(row, 1, figure, workbook.add_format({"align": "left"}))
            row += 1
        row += 1
        cover.write_string(row, 0, say("privacy_title", language), bold)
        cover.set_row(row, 45)
        cover.write_string(row, 1, say("privacy", language), muted)

        # per recommendation
        priorities = content.priority_columns
        assessments = content.assessment_columns
        columns = [("code", say("code", language), 8), ("part", say("part", language), 22),
                   ("theme", say("theme", language), 22), ("text", say("text", language), 50),
                   ("consultations", say("consultations", language), 9), ("feedback", say("feedback", language), 9)]
        columns += [(f"priority_{key or 'not_recorded'}",
                     f"{say('priority', language)}: {value_label(reference, PRIORITIES, key, language)}", 8)
                    for key in priorities]
        columns += [(f"assessment_{key or 'not_recorded'}",
                     f"{say('assessment', language)}: {value_label(reference, ASSESSMENTS, key, language)}", 9)
                    for key in assessments]
        columns += [(f"quote_{i}", say(f"quote_{i}", language), 40) for i in range(1, QUOTES_PER_RECOMMENDATION + 1)]
        for index, (_, _, width) in enumerate(columns):
            summary.set_column(index, index, width)
        summary.set_row(0, 60)
        last = len(content.rows)
        summary.add_table(0, 0, max(last, 1), len(columns) - 1, {
            "name": "recommendations", "style": "Table Style Light 1", "autofilter": True,
            "columns": [{"header": label, "header_format": header} for _, label, _ in columns]})
        for offset, rec in enumerate(content.rows, start=1):
            values: dict[str, Any] = {"code": rec["code"], "part": rec["part"], "theme": rec["theme"],
                                      "text": rec["text"], "consultations": rec["consultations"],
                                      "feedback": rec["feedback"]}
            values.update({f"priority_{key or 'not_recorded'}": count for key, count in rec["priority_counts"].items()})
            values.update({f"assessment_{key or 'not_recorded'}": count
                           for key, count in rec["assessment_counts"].items()})
            for i, quote in enumerate(rec["quotes"], start=1):
                said, translation = quote_words(quote, language)
                words = f"“{said}”" + (f" — “{translation}”" if translation else "")
                values[f"quote_{i}"] = f"{words} ({quote_source(quote, reference, language)})"
            lines = max(1, len(rec["text"]) // 70 + 1, *(len(values.get(f"quote_{i}", "")) // 55 + 1
                                                          for i in range(1, QUOTES_PER_RECOMMENDATION + 1)))
            summary.set_row(offset, min(12 * lines + 3, 400))
            for index, (key, _, _) in enumerate(columns):
                value = values.get(key)
                if isinstance(value, int):
                    summary.write_number(offset, index, value, total if key in ("consultations", "feedback")
                                         else number)
                elif value:
                    summary.write_string(offset, index, clean_text(value), code if key == "code" else wrap)
        summary.freeze_panes(1, 1)
        summary.set_landscape()
        summary.set_paper(9)
        summary.fit_to_pages(1, 0)
        summary.repeat_rows(0)
        summary.set_footer("&L&A&RPage &P of &N")

        # per theme: the charts' data
        theme_columns = [say("theme", language), say("consultations", language), say("feedback", language)]
        theme_columns += [f"{say('priority', language)}: {value_label(reference, PRIORITIES, key, language)}"
                          for key in priorities]
        theme_columns += [f"{say('assessment', language)}: {value_label(reference, ASSESSMENTS, key, language)}"
                          for key in assessments]
        theme_columns.append(say("chart_label", language))  # the charts' categories: short enough for the bars
        label_column = len(theme_columns) - 1
        themes.set_column(0, 0, 44)
        themes.set_column(1, len(theme_columns) - 1, 11)
        themes.set_column(label_column, label_column, 36)
        themes.set_row(0, 45)
        count = len(content.themes)
        themes.add_table(0, 0, max(count, 1), len(theme_columns) - 1, {
            "name": "themes", "style": "Table Style Light 1",
            "columns": [{"header": label, "header_format": header} for label in theme_columns]})
        for offset, theme in enumerate(content.themes, start=1):
            themes.write_string(offset, 0, clean_text(theme["title"]), wrap)
            themes.write_number(offset, 1, theme["total"].consultations, total)
            themes.write_number(offset, 2, theme["total"].entries, total)
            for index, key in enumerate(priorities, start=3):
                themes.write_number(offset, index, theme["priorities"].get(key, 0), number)
            for index, key in enumerate(assessments, start=3 + len(priorities)):
                themes.write_number(offset, index, theme["assessments"].get(key, 0), number)
            themes.write_string(offset, label_column, short_title(clean_text(theme["title"])), wrap)
        themes.freeze_panes(1, 1)

        # native charts: stacked bars per theme
        charts.hide_gridlines(2)
        charts.set_paper(9)
        charts.fit_to_pages(1, 0)
        charts.write_string(0, 0, say("title", language), title)
        height = max(420, 26 * count + 120)
        for position, (name, list_name, keys, first, colours) in enumerate((
                ("chart_priorities", PRIORITIES, priorities, 3, PRIORITY_COLOURS),
                ("chart_assessments", ASSESSMENTS, assessments, 3 + len(priorities), ASSESSMENT_COLOURS))):
            chart = workbook.add_chart({"type": "bar", "subtype": "stacked"})
            for index, key in enumerate(keys):
                column = first + index
                chart.add_series({"name": value_label(reference, list_name, key, language),
                                  "categories": ["themes", 1, label_column, max(count, 1), label_column],
                                  "values": ["themes", 1, column, max(count, 1), column],
                                  "fill": {"color": colours.get(key, FALLBACK_COLOURS[index % 4])},
                                  "border": {"none": True}, "gap": 50})
            chart.set_title({"name": say(name, language), "name_font": {"size": 12}})
            chart.set_y_axis({"reverse": True, "num_font": {"size": 8}})  # the first theme on top
            chart.set_x_axis({"major_gridlines": {"visible": True, "line": {"color": "#E5E8E8"}},
                              "num_font": {"size": 8}})
            chart.set_legend({"position": "bottom"})
            chart.set_size({"width": 980, "height": height})
            charts.insert_chart(2 + position * (height // 20 + 2), 0, chart)
        charts.activate()
