"""The consent rules (domain/consent.py), exhaustively: every scope against every use, and the
conservative reading of a consultation that has only the old one-field consent policy."""

from __future__ import annotations

import itertools

import pytest

from consultation_app.domain import consent as rules
from consultation_app.domain.consent import (
    ATTRIBUTE_GROUP,
    ATTRIBUTE_NAME,
    ATTRIBUTE_ORGANISATION,
    ATTRIBUTION_LEVELS,
    CONTENTS,
    LEAVE_LAPTOP,
    PHOTO,
    PRINT,
    QUOTE,
    RECORDING,
    USES,
    VISIBILITIES,
    Consent,
)

TODAY = "2026-12-05"


def full(**changes) -> Consent:
    """Everything agreed, for the widest audience; tests narrow one thing at a time."""
    values = dict(consultation_uuid="c1", given="written", text_version="v2", quotes=True, attribution="name",
                  photos=True, recordings=True, visibility="public", retain_until=None)
    values.update(changes)
    return Consent(**values)


# What each content needs in scope: (scope field, value that allows it).
NEEDS = {
    QUOTE: lambda c: c.quotes,
    ATTRIBUTE_GROUP: lambda c: ATTRIBUTION_LEVELS.index(c.attribution) >= ATTRIBUTION_LEVELS.index("group"),
    ATTRIBUTE_ORGANISATION: lambda c: ATTRIBUTION_LEVELS.index(c.attribution)
    >= ATTRIBUTION_LEVELS.index("organisation"),
    ATTRIBUTE_NAME: lambda c: c.attribution == "name",
    PHOTO: lambda c: c.photos,
    RECORDING: lambda c: c.recordings,
}
# Who must be allowed to see it for each use.
AUDIENCE = {LEAVE_LAPTOP: ("central_office", "public"), PRINT: ("public",)}

SCOPES = [
    dict(zip(("quotes", "attribution", "photos", "recordings", "visibility"), values))
    for values in itertools.product((False, True), ATTRIBUTION_LEVELS, (False, True), (False, True), VISIBILITIES)
]


@pytest.mark.parametrize("given", ("verbal", "written"))
@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: "-".join(str(v) for v in s.values()))
def test_every_scope_against_every_use(scope, given):
    consent = full(given=given, **scope)
    for content, use in itertools.product(CONTENTS, USES):
        expected = NEEDS[content](consent) and consent.visibility in AUDIENCE[use]
        assert rules.permits(consent, content, use, TODAY) is expected, (content, use)


@pytest.mark.parametrize("content,use", list(itertools.product(CONTENTS, USES)))
def test_no_consent_given_withdrawn_expired_or_missing_permits_nothing(content, use):
    assert not rules.permits(full(given="none"), content, use, TODAY)
    assert not rules.permits(full(withdrawn=True), content, use, TODAY)
    assert not rules.permits(full(retain_until="2026-12-04"), content, use, TODAY)
    assert rules.permits(full(retain_until="2026-12-05"), content, use, TODAY)  # the last day still counts
    assert not rules.permits(None, content, use, TODAY)


@pytest.mark.parametrize("policy,level", [
    ("no_attribution", "none"), ("group_only", "group"), ("organisations_with_consent", "organisation"),
    ("individuals_with_consent", "name"), (None, "none"), ("something new", "none"),
])
def test_old_policy_is_read_conservatively(policy, level):
    """No attribution beyond what the old field said; no photos or recordings (it never spoke
    of them); quotes as before, since reports carried them."""
    consent = rules.from_policy("c1", policy)
    assert consent.attribution == level
    assert consent.quotes and not consent.photos and not consent.recordings
    assert consent.legacy
    assert rules.permits(consent, QUOTE, PRINT, TODAY)
    assert not rules.permits(consent, PHOTO, LEAVE_LAPTOP, TODAY)
    assert rules.permits(consent, ATTRIBUTE_NAME, LEAVE_LAPTOP, TODAY) is (level == "name")


def test_a_persons_own_consent_governs_their_quote_over_the_consultations():
    group = full(attribution="group")
    person = full(subject="f1", attribution="name")
    chosen = rules.governing({"": group, "f1": person}, "f1")
    assert chosen is person
    assert rules.governing({"": group, "f1": person}, "f2") is group
    assert rules.governing({}, "f2") is None


ATTRIBUTIONS = [("anonymous", "", None), ("by_group", "", ATTRIBUTE_GROUP),
                ("by_organisation", "", ATTRIBUTE_ORGANISATION), ("named_with_consent", "", ATTRIBUTE_NAME),
                ("anonymous", "Mr Sok", ATTRIBUTE_NAME), ("by_group", " ", ATTRIBUTE_GROUP)]


@pytest.mark.parametrize("attribution,attributed_to,needed", ATTRIBUTIONS)
def test_what_an_entry_asks_of_consent(attribution, attributed_to, needed):
    row = {"attribution": attribution, "attributed_to": attributed_to, "quote": ""}
    assert rules.attribution_needed(row) == needed


@pytest.mark.parametrize("level", ATTRIBUTION_LEVELS)
@pytest.mark.parametrize("attribution,attributed_to,needed", ATTRIBUTIONS)
@pytest.mark.parametrize("quotes", (False, True))
@pytest.mark.parametrize("quote", ("", "We were not told."))
def test_an_entry_beyond_its_consent_stays_on_the_laptop(level, attribution, attributed_to, needed, quotes, quote):
    consent = full(attribution=level, quotes=quotes, visibility="central_office")
    row = {"attribution": attribution, "attributed_to": attributed_to, "quote": quote}
    beyond = (needed is not None and not rules.permits(consent, needed, LEAVE_LAPTOP, TODAY)) or \
        (bool(quote) and not quotes)
    assert rules.entry_may_leave(consent, row, TODAY) is not beyond


def test_an_entry_with_nothing_quoted_or_attributed_leaves_whatever_the_consent():
    """Consent covers what people said in their own words and who said it; the officer's
    anonymous summary of a view is not theirs to withhold."""
    row = {"attribution": "anonymous", "attributed_to": "", "quote": ""}
    assert rules.entry_may_leave(full(given="none"), row, TODAY)
    assert rules.entry_may_leave(None, row, TODAY)


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("level", ATTRIBUTION_LEVELS)
def test_a_printed_quote_is_cited_no_further_than_consent(visibility, level):
    consent = full(attribution=level, visibility=visibility)
    cited = rules.printed_attribution(consent, TODAY)
    if visibility != "public":
        assert cited == "none" and not rules.quote_may_be_printed(consent, TODAY)
    else:
        assert cited == level and rules.quote_may_be_printed(consent, TODAY)


@pytest.mark.parametrize("kind", ("photo", "attendance", "consent", "audio", "other"))
@pytest.mark.parametrize("sensitive", (False, True))
@pytest.mark.parametrize("photos", (False, True))
@pytest.mark.parametrize("recordings", (False, True))
@pytest.mark.parametrize("include", (False, True))
def test_which_attachments_leave_the_laptop(kind, sensitive, photos, recordings, include):
    consent = full(photos=photos, recordings=recordings, visibility="central_office")
    expected = (not sensitive or include)
    if kind == "photo":
        expected = expected and (photos or include)
    if kind == "audio":
        expected = expected and (recordings or include)
    assert rules.attachment_may_leave(consent, kind, sensitive, include, TODAY) is expected


def test_a_withdrawn_consent_keeps_even_chosen_attachments_on_the_laptop():
    for kind in ("photo", "audio", "attendance", "consent", "other"):
        assert not rules.attachment_may_leave(full(withdrawn=True), kind, False, True, TODAY)


@pytest.mark.parametrize("field,value,message", [
    ("given", "nodded", "given"), ("attribution", "everyone", "attribution"),
    ("visibility", "world", "visibility"), ("retain_until", "next year", "retain_until"),
    ("text_version", "x" * 201, "text_version"),
])
def test_bad_values_are_refused_with_the_field_named(field, value, message):
    values = {"given": "verbal", "attribution": "group", "visibility": "central_office", field: value}
    with pytest.raises(rules.ConsentError) as raised:
        rules.parse({"consultation_uuid": "c1", **values})
    assert message in str(raised.value)


def test_parse_round_trips_and_fills_defaults():
    consent = rules.parse({"consultation_uuid": "c1", "given": "written", "quotes": "yes", "photos": 1,
                           "retain_until": "2030-01-31"})
    assert consent.quotes and consent.photos and not consent.recordings
    assert consent.attribution == "none" and consent.visibility == "field_team"
    assert rules.parse(consent.as_row()) == consent
