from datetime import date

import pytest

from board.dates import month_label, parse_month, today
from board.errors import InvalidInput

JAN_2024 = date(2024, 1, 10)


@pytest.mark.parametrize(
    ("typed", "on_or_after", "month"),
    [
        ("March", JAN_2024, "2024-03"),
        ("march", date(2024, 3, 20), "2024-03"),
        ("March", date(2024, 4, 1), "2025-03"),
        ("January", JAN_2024, "2024-01"),
        ("Dec", JAN_2024, "2024-12"),
        ("Sept", JAN_2024, "2024-09"),
        ("Febuary", JAN_2024, "2024-02"),
        ("March 2022", JAN_2024, "2022-03"),
        ("march 22", JAN_2024, "2022-03"),
        ("2024-06", JAN_2024, "2024-06"),
    ],
)
def test_months_as_typed(typed, on_or_after, month):
    assert parse_month(typed, on_or_after) == month


@pytest.mark.parametrize("typed", ["Marchember", "13", "2024-13", "next tuesday", "", "x" * 500])
def test_not_a_month(typed):
    with pytest.raises(InvalidInput):
        parse_month(typed, JAN_2024)


def test_today_can_be_fixed(monkeypatch):
    monkeypatch.setenv("CLERK_TODAY", "2024-01-10")
    assert today() == JAN_2024
    assert today("2023-05-01") == date(2023, 5, 1)
    with pytest.raises(InvalidInput):
        today("soon")


def test_month_label():
    assert month_label("2024-03") == "March 2024"
