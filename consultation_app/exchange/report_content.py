"""What a report says, gathered once for every form it takes (PDF, workbook) and for the
dashboard: per recommendation in catalog order, its figures and up to three quotes that may
leave the office; the report's words in English and Khmer; one colour per value."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from consultation_app.domain.records import utc_now
from consultation_app.domain.reference import ReferenceLists
from consultation_app.errors import AppError
from consultation_app.exchange.consent_gate import ConsentGate
from consultation_app.storage import (
    catalog_store,
    dashboard_entries,
    dashboard_queries,
    implementation_store,
    link_store,
    report_queries,
)
from consultation_app.storage.dashboard_queries import ASSESSMENTS, GROUPS, NOT_RECORDED, PRIORITIES, PROVINCES, Filters

if TYPE_CHECKING:
    from consultation_app.storage.store import Store

QUOTES_PER_RECOMMENDATION = 3
KHMER_FONT = "Noto Sans Khmer"
LATIN_FONTS = ["Noto Sans", "Segoe UI", "DejaVu Sans", "Arial", "Helvetica"]

# One colour per value, shared by the dashboard, the PDF and the workbook's charts: warm for
# urgent or bad, green for done, grey for "don't know" and "not recorded".
PRIORITY_COLOURS = {"high": "#C0392B", "medium": "#E67E22", "low": "#F4D03F", "not_stated": "#A6ACAF",
                    NOT_RECORDED: "#D5D8DC"}
ASSESSMENT_COLOURS = {"fully_implemented": "#1E8449", "partially_implemented": "#7DCEA0",
                      "not_implemented": "#E67E22", "worsened": "#C0392B", "unknown": "#A6ACAF",
                      NOT_RECORDED: "#D5D8DC"}
FALLBACK_COLOURS = ["#5D6D7E", "#85929E", "#2E86C1", "#AF7AC5"]

# The report's own words, in both languages (the exchange layer has no Qt translations).
TEXT = {
    "title": ("Consultations on the UPR recommendations: summary report",
              "របាយការណ៍សង្ខេប៖ ការពិគ្រោះយោបល់លើអនុសាសន៍ UPR"),
    "short_title": ("UPR consultations: summary report", "របាយការណ៍សង្ខេប ការពិគ្រោះយោបល់ UPR"),
    "filters": ("Consultations included", "ការពិគ្រោះយោបល់ដែលបានរាប់បញ្ចូល"),
    "all": ("None: all consultations", "គ្មាន៖ ការពិគ្រោះយោបល់ទាំងអស់"),
    "filters_key": ("Filters", "តម្រង"),
    "group": ("Stakeholder group", "ក្រុមភាគីពាក់ព័ន្ធ"),
    "province": ("Province", "ខេត្ត"),
    "from": ("Started on or after", "ចាប់ផ្ដើមចាប់ពីថ្ងៃ"),
    "to": ("Started on or before", "ចាប់ផ្ដើមមុនឬនៅថ្ងៃ"),
    "generated": ("Generated", "បង្កើតនៅ"),
    "totals": ("Totals", "សរុប"),
    "glance": ("At a glance, per theme", "ទិដ្ឋភាពទូទៅ តាមប្រធានបទ"),
    "consultations_short": ("Consultations", "ការពិគ្រោះយោបល់"),
    "consultations": ("Consultations that gave feedback", "ការពិគ្រោះយោបល់ដែលបានផ្ដល់មតិ"),
    "feedback": ("Feedback entries", "មតិយោបល់"),
    "discussed": ("Recommendations discussed", "អនុសាសន៍ដែលបានពិភាក្សា"),
    "quotes": ("Quotes shown", "សម្រង់សម្ដីដែលបានបង្ហាញ"),
    "of": ("of", "ក្នុងចំណោម"),
    "privacy_title": ("Protecting people", "ការការពារមនុស្ស"),
    "privacy": ("Quotes come only from feedback that is neither marked sensitive nor attributed to a named "
                "person. The counts include every feedback entry, without showing its content.",
                "សម្រង់សម្ដីត្រូវបានដកស្រង់តែពីមតិយោបល់ដែលមិនត្រូវបានសម្គាល់ថារសើប និងមិនបញ្ជាក់ឈ្មោះបុគ្គល។ "
                "ការរាប់រួមបញ្ចូលមតិយោបល់ទាំងអស់ ដោយមិនបង្ហាញខ្លឹមសារ។"),
    "reading": ("Each recommendation shows how many feedback entries it received and from how many consultations, "
                "then two bars: the priority people gave it and their assessment of its implementation.",
                "អនុសាសន៍នីមួយៗបង្ហាញចំនួនមតិយោបល់ និងចំនួនការពិគ្រោះយោបល់ បន្ទាប់មកមានរបារពីរ៖ "
                "អាទិភាព និងការវាយតម្លៃការអនុវត្ត។"),
    "priority": ("Priority", "អាទិភាព"),
    "assessment": ("Implementation", "ការអនុវត្ត"),
    "entries_from": ("{feedback} feedback entries from {consultations} consultations",
                     "មតិយោបល់ {feedback} ពីការពិគ្រោះយោបល់ {consultations}"),
    "no_feedback": ("No feedback recorded.", "មិនទាន់មានមតិយោបល់។"),
    "predecessor": ("Earlier cycle, {code} ({catalog}): {feedback} feedback entries from {consultations} "
                    "consultations",
                    "វដ្តមុន {code} ({catalog})៖ មតិយោបល់ {feedback} ពីការពិគ្រោះយោបល់ {consultations}"),
    "not_recorded": ("Not recorded", "មិនបានកត់ត្រា"),
    "page": ("Page {page} of {pages}", "ទំព័រ {page} នៃ {pages}"),
    "unknown": ("Codes not in the catalog", "លេខកូដដែលមិនមានក្នុងបញ្ជីអនុសាសន៍"),
    "quote_1": ("Quote 1", "សម្រង់ ១"), "quote_2": ("Quote 2", "សម្រង់ ២"), "quote_3": ("Quote 3", "សម្រង់ ៣"),
    "code": ("Code", "លេខកូដ"), "part": ("Part", "ផ្នែក"), "theme": ("Theme", "ប្រធានបទ"),
    "text": ("Recommendation", "អនុសាសន៍"),
    "chart_label": ("Title in the charts", "ចំណងជើងក្នុងក្រាហ្វិក"),
    "chart_priorities": ("Priority given, per theme (feedback entries)",
                         "អាទិភាពតាមប្រធានបទ (មតិយោបល់)"),
    "midterm_title": ("Mid-term report on the UPR recommendations: draft",
                      "របាយការណ៍ពាក់កណ្ដាលអាណត្តិស្ដីពីអនុសាសន៍ UPR៖ សេចក្ដីព្រាង"),
    "draft_note": ("Draft generated from the consultation records and the implementation status on file. "
                   "Edit freely; insert a table of contents with References > Table of Contents.",
                   "សេចក្ដីព្រាងនេះបង្កើតចេញពីកំណត់ត្រាការពិគ្រោះយោបល់ និងស្ថានភាពអនុវត្ត។ អាចកែសម្រួលបាន។"),
    "status": ("Implementation status", "ស្ថានភាពអនុវត្ត"),
    "measures": ("Measures taken", "វិធានការដែលបានអនុវត្ត"),
    "institutions": ("Responsible institutions", "ស្ថាប័នទទួលខុសត្រូវ"),
    "indicator": ("Indicator", "សូចនាករ"),
    "due": ("due {date}", "កាលកំណត់ {date}"),
    "position": ("Position", "ជំហរ"),
    "states": ("Recommending states", "រដ្ឋដែលផ្ដល់អនុសាសន៍"),
    "said": ("What the consultations said", "អ្វីដែលការពិគ្រោះយោបល់បាននិយាយ"),
    "no_status": ("Not recorded yet", "មិនទាន់កត់ត្រា"),
    "cluster": ("Cluster", "ចង្កោម"),
    "catalog": ("Catalog", "បញ្ជីអនុសាសន៍"),
    "text_en": ("Recommendation (English)", "អនុសាសន៍ (អង់គ្លេស)"),
    "text_km": ("Recommendation (Khmer)", "អនុសាសន៍ (ខ្មែរ)"),
    "groups_heard": ("Consultations and groups heard", "ការពិគ្រោះយោបល់ និងក្រុមដែលបានស្ដាប់"),
    "linked": ("Earlier-cycle evidence (linked recommendations)", "ភស្តុតាងពីវដ្តមុន (អនុសាសន៍ភ្ជាប់)"),
    "updated": ("Status updated", "ធ្វើបច្ចុប្បន្នភាពស្ថានភាព"),
    "chart_assessments": ("Implementation assessed, per theme (feedback entries)",
                          "ការវាយតម្លៃការអនុវត្តតាមប្រធានបទ (មតិយោបល់)"),
}


def say(key: str, language: str, **values: Any) -> str:
    en, km = TEXT[key]
    text = km if language == "km" else en
    return text.format(**values) if values else text


# -- gathering -------------------------------------------------------------------------------------
@dataclass
class ReportContent:
    generated_at: str
    filters: Filters
    language: str
    catalogs: list[dict]
    rows: list[dict]           # per recommendation, annex order, with headings and quotes
    themes: list[dict]         # per theme: titles and distributions (the charts)
    priority_columns: list[str]
    assessment_columns: list[str]
    total: dashboard_queries.Cell
    institutions: dict[str, str] = field(default_factory=dict)  # key -> name in the report's language

    @property
    def discussed(self) -> int:
        return sum(1 for row in self.rows if row["feedback"])

    @property
    def quote_count(self) -> int:
        return sum(len(row["quotes"]) for row in self.rows)


def gather(db: Store, reference: ReferenceLists, filters: Filters, language: str) -> ReportContent:
    allowed = {"stakeholder_group": reference.keys(GROUPS), "province": reference.keys(PROVINCES),
               "priority": reference.keys(PRIORITIES), "implementation_assessment": reference.keys(ASSESSMENTS)}
    where, params = filters.where()
    figures = report_queries.recommendation_figures(db, allowed, where, params, catalog_id=filters.catalog_id)
    dashboard = dashboard_queries.dashboard_figures(db, reference, filters)
    gate = ConsentGate.load(db)  # consent decides which quotes are printed, and how far attributed
    quotes = dashboard_entries.selected_quotes(db, filters, QUOTES_PER_RECOMMENDATION,
                                               allowed=gate.quote_may_be_printed)
    for chosen in quotes.values():
        for quote in chosen:
            quote["printed_attribution"] = gate.printed_attribution(quote)
    catalog = {(rec["catalog_id"], rec["code"]): rec
               for rec in catalog_store.list_recommendations(db, filters.catalog_id)}
    implementation = implementation_store.current_by_recommendation(db)
    km = language == "km"

    def pick(rec: dict, name: str) -> str:
        return (rec.get(f"{name}_km") if km else None) or rec.get(name) or ""

    if filters.catalog_id:  # one catalog (one cycle's recommendations)
        figures = [figure for figure in figures if figure["catalog_id"] == filters.catalog_id]
    rows = []
    for figure in figures:
        rec = catalog.get((figure["catalog_id"], figure["code"]))
        row = dict(figure)
        if rec is None:  # a code no live recommendation has: under a heading of its own
            row.update(part=say("unknown", language), section="", theme="", theme_key="", part_key="",
                       section_key="", text="", text_en="", text_km="", upr_position="", recommending_states=[])
        else:
            row.update(part=pick(rec, "part"), section=pick(rec, "section"), theme=pick(rec, "theme"),
                       theme_key=rec["theme_key"], text=pick(rec, "text"), text_en=rec["text"],
                       text_km=rec.get("text_km") or "", upr_position=rec.get("position_taken") or "",
                       recommending_states=_json_list(rec.get("recommending_states")))
        row["implementation"] = implementation.get((figure["catalog_id"], figure["code"]))
        row["priority_counts"] = {key: figure["priority"].get(key, 0) for key in dashboard.priority_columns}
        row["assessment_counts"] = {key: figure["implementation_assessment"].get(key, 0)
                                    for key in dashboard.assessment_columns}
        row["quotes"] = quotes.get((figure["catalog_id"], figure["code"]), [])
        rows.append(row)
    # What was gathered on a recommendation's confirmed predecessors (an earlier cycle) follows it.
    predecessors: dict[tuple[str, str], list[dict]] = {}
    for catalog_id in {row["catalog_id"] for row in rows}:
        for entry in link_store.predecessor_feedback(db, catalog_id):
            predecessors.setdefault((catalog_id, entry["code"]), []).append(entry)
    for row in rows:
        row["predecessors"] = predecessors.get((row["catalog_id"], row["code"]), [])
    themes = []
    for theme in dashboard.themes:
        key = (theme["catalog_id"], theme["key"])
        title = (theme["title_km"] if km and theme["title_km"] else theme["title"]) if theme["in_catalog"] \
            else say("unknown", language)
        themes.append({"key": key, "title": title, "total": dashboard.theme_totals.get(key, dashboard_queries.Cell()),
                       "priorities": dashboard.theme_priorities.get(key, {}),
                       "assessments": dashboard.theme_assessments.get(key, {})})
    return ReportContent(utc_now(), filters, language, catalog_store.list_catalogs(db), rows, themes,
                         dashboard.priority_columns, dashboard.assessment_columns, dashboard.total,
                         implementation_store.institution_names(db, language))


def _json_list(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    try:
        items = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(item) for item in items] if isinstance(items, list) else []


def value_label(reference: ReferenceLists, list_name: str, key: str, language: str) -> str:
    return say("not_recorded", language) if key == NOT_RECORDED else reference.label(list_name, key, language)


def filter_lines(reference: ReferenceLists, filters: Filters, language: str) -> list[tuple[str, str]]:
    lines = []
    if filters.group:
        lines.append((say("group", language), reference.label(GROUPS, filters.group, language)))
    if filters.province:
        lines.append((say("province", language), reference.label(PROVINCES, filters.province, language)))
    if filters.date_from:
        lines.append((say("from", language), filters.date_from))
    if filters.date_to:
        lines.append((say("to", language), filters.date_to))
    if filters.catalog_id:
        lines.append((say("catalog", language), filters.catalog_id))
    return lines or [(say("filters_key", language), say("all", language))]


def check_value(reference: ReferenceLists, name: str, value: str | None, what: str) -> None:
    if value and value not in reference.keys(name):
        raise AppError(f"{value!r} is not a {what}; use one of: {', '.join(reference.keys(name))}")


def short_title(title: str, limit: int = 42) -> str:
    """A heading cut at a word to fit beside a bar (charts, tables); the whole one elsewhere."""
    if len(title) <= limit:
        return title
    cut = title.rfind(" ", 0, limit)
    return title[:cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def quote_words(quote: dict, language: str) -> tuple[str, str]:
    """The words as said, and (for an English reader) their translation when it differs."""
    said = quote["quote"].strip()
    translation = quote["quote_translation"].strip()
    return said, (translation if language != "km" and translation and translation != said else "")


# Consent that allows no more than a group: the consultation's title is free text and can name a
# village (and so the people in it), so such quotes are cited by group and province, or province alone.
GROUP_ONLY_CONSENT, NO_ATTRIBUTION_CONSENT = "group_only", "no_attribution"


def quote_source(quote: dict, reference: ReferenceLists, language: str) -> str:
    """Where it was said: the consultation, its province (unless the title names it), the date;
    under "attribution to groups only" the group instead of the title, under "no attribution"
    neither."""
    consent = quote.get("consent_policy")
    level = quote.get("printed_attribution")  # set by gather from domain/consent.py: it decides
    if level is not None:
        consent = {"none": NO_ATTRIBUTION_CONSENT, "group": GROUP_ONLY_CONSENT}.get(level, "")
    province = reference.label(PROVINCES, quote["province"], language) if quote["province"] else ""
    if consent in (GROUP_ONLY_CONSENT, NO_ATTRIBUTION_CONSENT):
        group = (reference.label(GROUPS, quote["stakeholder_group"], language)
                 if consent == GROUP_ONLY_CONSENT and quote.get("stakeholder_group") else "")
        return ", ".join(part for part in (group, province, quote["start_date"] or "") if part)
    title = quote["consultation_title"] or ""
    # The title names the province (in either language: a Khmer report of a title typed in English)
    named = {province, reference.label(PROVINCES, quote["province"], "en")} if province else set()
    if any(name and name.casefold() in title.casefold() for name in named):
        province = ""
    return ", ".join(part for part in (title, province, quote["start_date"] or "") if part)
