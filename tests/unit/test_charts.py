"""A long series is thinned for drawing without losing its ends, its peaks or its troughs."""

from hypothesis import given
from hypothesis import strategies as st

from app.game import rules
from app.web.charts import MAX_POINTS, envelope, line_chart


@given(st.lists(st.integers(350, 950), min_size=2, max_size=2000))
def test_the_envelope_keeps_the_ends_and_the_extremes(values):
    drawn = envelope(values)
    assert len(drawn) <= MAX_POINTS + 2
    assert drawn[0] == values[0] and drawn[-1] == values[-1]
    assert min(drawn) == min(values) and max(drawn) == max(values)
    if len(values) <= MAX_POINTS:
        assert drawn == values


def test_the_summary_counts_every_change_of_a_long_series():
    values = [600 + (i % 50) for i in range(1000)] + [351]
    chart = line_chart(values, rules.SCORE)
    assert "over 1000 changes" in chart.summary and "lowest 351" in chart.summary
    assert len(chart.points.split()) <= MAX_POINTS + 2
