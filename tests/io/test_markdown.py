"""The Markdown export: the plan's structure for wikis, with every user text escaped."""

from __future__ import annotations

from pathlib import Path

from planner.io import export_plan
from planner.io.markdown import inline, paragraph, render_markdown
from planner.services.plan import Plan
from tests.plans import SAMPLE_DAY


def test_sample_plan_structure(sample_plan: Plan, tmp_path: Path) -> None:
    period = sample_plan.periods.current(SAMPLE_DAY)
    assert period is not None
    export_plan(sample_plan, tmp_path / "plan.md", period.id)
    text = (tmp_path / "plan.md").read_text("utf-8")
    assert text.startswith("# Tally — time tracking for freelancers\n")
    assert "**Period:** 2026 Q4 (2026-10-01 – 2026-12-31)" in text
    assert "## Plan-level objectives" in text
    for stage in ("Acquisition", "Activation", "Retention", "Referral", "Revenue"):
        assert f"\n## {stage} — " in text
    assert "### Plans &amp; Billing — " in text
    assert "| Key result | Start → Target | Current | Progress | Grade | Confidence |" in text
    assert "| Keep monthly churn at most 2 % | at most 2 % | 1.9 % | 100 % | 1.0 | 6/10 |" in text
    assert "| Ship the guided first-timer tour | done | not done | 0 % | 0.0 | 8/10 |" in text
    assert "## Customer attribution" in text
    assert "| _Unattributed_ | 20 pts |" in text
    assert "| Customer support | " in text


def test_user_text_is_escaped(empty_plan: Plan) -> None:
    stage = empty_plan.stages.list()[0]
    period = empty_plan.periods.current(SAMPLE_DAY)
    assert period is not None
    team = empty_plan.apply(
        empty_plan.teams.create(
            stage.id, "<b>Growth</b>", mission="# not a heading\n- not a list\n1. nor this"
        )
    )
    objective = empty_plan.apply(
        empty_plan.objectives.create(period.id, "*Win* [big](http://x)", team.id)
    )
    empty_plan.apply(
        empty_plan.key_results.create(objective.id, "a | b & c", "increase", 1, 2, "<u>")
    )
    text = render_markdown(empty_plan, period.id, SAMPLE_DAY)
    assert "### &lt;b&gt;Growth&lt;/b&gt; — 0 %" in text
    assert "<b>" not in text and "<u>" not in text
    assert "\\# not a heading  \n\\- not a list  \n1\\. nor this" in text
    assert "#### \\*Win\\* \\[big\\](http://x) — 0 %" in text
    assert "| a \\| b &amp; c | 1 → 2 &lt;u&gt; | — | 0 % | 0.0 | — |" in text


def test_escaping_helpers() -> None:
    assert inline("a\nb   c") == "a b c"
    assert inline("back\\slash `code` _x_ ~y~") == "back\\\\slash \\`code\\` \\_x\\_ \\~y\\~"
    assert paragraph("one\n\n+ two") == "one\n\n\\+ two"


def test_a_plan_without_periods(tmp_path: Path) -> None:
    with Plan.create(tmp_path / "bare.okrplan") as plan:
        plan.apply(plan.info.create("Bare"))
        assert render_markdown(plan) == "# Bare\n\nThe plan has no period yet.\n"


def test_a_raw_progress_in_the_thousands_is_grouped(sample_plan: Plan, tmp_path: Path) -> None:
    period = sample_plan.periods.current(SAMPLE_DAY)
    assert period is not None
    result = next(
        k
        for k in sample_plan.key_results.list()
        if k.title == "Grow weekly trial sign-ups from 400 to 900"
    )
    # 12.5 times the way from 400 to 900.
    sample_plan.apply(sample_plan.check_ins.create(result.id, SAMPLE_DAY, 6650, 7))
    export_plan(sample_plan, tmp_path / "plan.md", period.id)
    text = (tmp_path / "plan.md").read_text("utf-8")
    assert "| 400 → 900 sign-ups | 6,650 sign-ups | 1,250 % |" in text


def test_a_key_result_nobody_checked_in_on_has_no_current_figure(sample_plan: Plan) -> None:
    period = sample_plan.periods.current(SAMPLE_DAY)
    assert period is not None
    objective = next(o for o in sample_plan.objectives.list() if o.team_id is not None)
    sample_plan.apply(
        sample_plan.key_results.create(objective.id, "Reach 5,000 USD", "increase", 0, 5000, "USD")
    )
    text = render_markdown(sample_plan, period.id, SAMPLE_DAY)
    assert "| Reach 5,000 USD | 0 → 5,000 USD | — | 0 % |" in text
