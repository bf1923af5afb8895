"""Figures compared as what they measure: headcounts, amounts, shares, periods, dates."""

import datetime as dt

import pytest

from nlp_pipeline.compare.quantities import as_days, comparable, quantities


@pytest.mark.parametrize(
    ("text", "dimension", "unit", "value", "comparator"),
    [
        ("more than 1 000 employees on average", "count", "employees", 1000, ">"),
        ("a turnover of more than EUR 450 000 000", "money", "EUR", 450_000_000, ">"),
        ("EUR 1,5 billion", "money", "EUR", 1_500_000_000, ""),
        ("not less than 5 % of the net worldwide turnover", "percent", "% of turnover", 5, ">="),
        ("at least every 12 months", "period", "days", 12 * 30.44, ""),
        ("within five years", "period", "days", 5 * 365.25, ""),
        ("a sales area of 400 m² or more", "count", "m2", 400, ""),
    ],
)
def test_whether_a_figure_is_read_with_its_unit(text, dimension, unit, value, comparator):
    [q] = quantities(text)
    assert (q.dimension, q.unit, q.comparator) == (dimension, unit, comparator)
    assert q.value == pytest.approx(value)


def test_whether_dates_are_days_on_the_calendar_and_deadlines_are_told_from_citations():
    [by, act, journal] = quantities("adopt, by 26 July 2026, the laws; Directive 2013/34/EU of 26 June 2013 "
                                    "(OJ L 182, 29.6.2013, p. 19)")
    assert as_days(by) == dt.date(2026, 7, 26).toordinal() and by.deadline
    assert not act.deadline and as_days(journal) == dt.date(2013, 6, 29).toordinal()


@pytest.mark.parametrize("text", ["point (14) of Article 1", "Directive 2013/34/EU", "OJ L 322, p. 15",
                                  "Article 3(4) of that Directive"])
def test_whether_numbers_that_cite_are_no_figures(text):
    assert quantities(text) == []


def test_whether_only_like_figures_are_compared():
    [headcount], [money] = quantities("1 000 employees"), quantities("EUR 1 000")
    [date], [year] = quantities("from 1 January 2027"), quantities("by 2030")
    assert not comparable(headcount, money)
    assert comparable(date, year) and as_days(year) > as_days(date)
