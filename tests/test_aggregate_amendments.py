"""Amending acts: a cell reads what each amendment does to the act it amends, not the new wording alone.

Pinned on the Commission's Omnibus I proposal COM(2025) 81 and its
'stop-the-clock' proposal COM(2025) 80 in ../shared/corpora (skipped when
absent); the EU law quoted here is public.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_file

from nlp_pipeline.aggregate.amendments import amendment_effects, reasons_by_article
from nlp_pipeline.assess.polarity import read_polarity, takes_away
from nlp_pipeline.ingest.amending import read_amending_act
from nlp_pipeline.records import Polarity
from nlp_pipeline.taxonomy import load_taxonomy

OMNIBUS = "extended/eu_law/COM_2025_81_Omnibus_I_CSRD_CSDDD_amendment_proposal.txt"
ROOT = Path(__file__).resolve().parents[1]
STOP_THE_CLOCK = "extended/eu_law/COM_2025_80_Stop_the_clock_proposal.txt"


def _analysis(relative):
    from nlp_pipeline.pipeline import analyze

    return analyze([shared_file(relative)], taxonomy=load_taxonomy(), kind="legislation").analyses[0]


@pytest.fixture(scope="module")
def omnibus():
    return _analysis(OMNIBUS)


@pytest.fixture(scope="module")
def stop_the_clock():
    return _analysis(STOP_THE_CLOCK)


def _cell(analysis, category_id):
    return next(c for c in analysis.coverage if c.category_id == category_id)


def _effect_of(analysis, opening):
    effects = amendment_effects(analysis.document, analysis.passages)
    passage = next(p for p in analysis.passages if p.text.lstrip("‘").startswith(opening))
    return effects.get(passage.id)


def test_whether_a_deletion_is_read_by_what_it_deletes():
    # Omnibus Article 4: a whole paragraph goes, or a provision stays with fewer points.
    assert read_polarity("in Article 36, paragraph 1 is deleted.", ()).polarity is Polarity.OPPOSES
    part = read_polarity("in paragraph 3, point (d) is deleted;", ())
    assert (part.polarity, part.narrowing) == (Polarity.NARROWS, ("part_deleted",))
    assert read_polarity("in paragraph 1, the third and fourth subparagraphs are deleted;", ()).polarity \
        is Polarity.NARROWS
    # A duty to delete data deletes no provision.
    assert read_polarity("Personal data shall be deleted once the complaint is closed.", ()).polarity \
        is Polarity.ESTABLISHES
    # The reasons' words say what is taken away.
    assert takes_away("the specific, Union-wide liability regime currently provided for in Article 29(1) of "
                      "that Directive should be removed.")[0][0] == "removal"


@pytest.mark.shared
def test_whether_a_whole_paragraph_deleted_opposes_and_points_deleted_narrow(omnibus):
    # "Article 29 is amended as follows: paragraph 1 is deleted": the EU civil liability regime goes.
    assert _effect_of(omnibus, "Article 29 is amended as follows: paragraph 1 is deleted").polarity \
        is Polarity.OPPOSES
    # "points (c) and (e) are deleted": Article 13(3) stays, at fewer stages.
    engagement = _effect_of(omnibus, "in Article 13, paragraph 3 is amended as follows")
    assert engagement.polarity is Polarity.NARROWS
    assert any(r.rule == "amendment.deletes_part" for r in engagement.reasons)
    # Its new wording, read without the instructions, binds: "Consultation of relevant stakeholders shall take
    # place at the following stages of the due diligence process".
    assert engagement.own.polarity is Polarity.ESTABLISHES


@pytest.mark.shared
def test_whether_the_act_s_reasons_say_a_rewritten_provision_is_narrower(omnibus):
    # Memorandum: "paragraph (4) amends Article 8 ... to limit due diligence measures, as a general rule,
    # to ... direct business partners"; the new Article 8(2)(b) reads as a duty on its own.
    effect = _effect_of(omnibus, "(b) based on the results of the mapping")
    assert effect.polarity is Polarity.NARROWS
    assert any(r.rule == "amendment.reasons_narrow" and "Article 8(2)" in r.span for r in effect.reasons)
    # The new wording still binds: the status stays, the polarity says what the amendment does.
    cell = _cell(omnibus, "HR.GAP.DUE_DILIGENCE")
    assert (cell.status.value, cell.polarity) == ("binding_enforced", Polarity.NARROWS)
    engagement = _cell(omnibus, "HR.ENGAGEMENT")
    assert (engagement.status.value, engagement.polarity) == ("binding_enforced", Polarity.NARROWS)
    # Article 27(4) rewritten: "the proposal deletes the requirement for the fine to be commensurate to the
    # company's net worldwide turnover".
    assert _cell(omnibus, "HR.GAP.SANCTIONS").polarity is Polarity.NARROWS


@pytest.mark.shared
def test_whether_a_reason_counts_only_for_the_article_its_item_cites(omnibus):
    amending = read_amending_act(omnibus.document, shared_file(OMNIBUS))
    reasons = reasons_by_article(omnibus.passages, amending.instructions)
    # "... further limit the stages ... [Article 13]; paragraph (8) amends Article 15 ... to extend the
    # intervals": the limiting words belong to the item on Article 13, not to the next one.
    assert not reasons.get(("2024/1760", "15"))
    assert reasons[("2024/1760", "8")]
    # "Article 4 amends Directive (EU) 2024/1760 ... on the following main points": the amending act's own
    # article, not Article 4 of the CSDDD.
    assert not reasons.get(("2024/1760", "4"))


@pytest.mark.shared
def test_whether_postponing_dates_narrows(stop_the_clock):
    # "Article 2 amends Article 37 of Directive (EU) 2024/1760 ... by postponing the transposition deadline".
    effect = _effect_of(stop_the_clock, "In Article 37(1) of Directive (EU) 2024/1760")
    assert effect.polarity is Polarity.NARROWS
    assert any("postpon" in r.span for r in effect.reasons)
    assert _cell(stop_the_clock, "HR.GAP.IMPLEMENTATION").polarity is Polarity.NARROWS


def test_whether_an_act_that_amends_nothing_has_no_amendment_effects():
    from nlp_pipeline.pipeline import analyze

    analysis = analyze([ROOT / "corpora" / "demo" / "csddd_2024_1760.html"], taxonomy=load_taxonomy(),
                       kind="legislation").analyses[0]
    assert amendment_effects(analysis.document, analysis.passages) == {}


@pytest.mark.shared
def test_whether_an_amending_act_restored_without_its_blocks_reads_the_same_amendments(omnibus):
    # A result store keeps a document without its blocks; the instructions are read from the file again.
    from dataclasses import replace

    restored = replace(omnibus.document, blocks=())
    assert amendment_effects(restored, omnibus.passages) == amendment_effects(omnibus.document, omnibus.passages)
