"""Choosing the format by suffix, and the one-line summary of an import."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.io import ImportSummary, UnsupportedFormat, export_plan, import_file
from planner.services.edits import Batch
from planner.services.plan import Plan, ReadOnlyError
from tests.io.helpers import HEADER, contents
from tests.plans import SAMPLE_DAY


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx", ".md", ".JSON"])
def test_export_by_suffix(sample_plan: Plan, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / "exports" / f"plan{suffix}"
    out.parent.mkdir()
    # The sample's period, not the one running on the day the test runs (maybe empty).
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    export_plan(sample_plan, out, period.id)
    assert out.stat().st_size > 100
    assert [path.name for path in out.parent.iterdir()] == [out.name]  # no temporary left


def test_unsupported_suffixes(sample_plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat) as raised:
        export_plan(sample_plan, tmp_path / "plan.pdf")
    assert isinstance(raised.value, ValueError)
    assert "plan.pdf: cannot export to this kind of file; use one of .json, .csv, .xlsx, .md" in (
        str(raised.value)
    )
    with pytest.raises(UnsupportedFormat, match="use one of .json, .csv, .tsv, .txt, .xlsx$"):
        import_file(sample_plan, tmp_path / "plan.md")
    assert not (tmp_path / "plan.pdf").exists()


def test_excel_unicode_text_imports(empty_plan: Plan, tmp_path: Path) -> None:
    # Excel's "Unicode Text" is UTF-16, tab-separated, and named .txt.
    source = tmp_path / "plan.txt"
    lines = [HEADER.replace(",", "\t"), "Reach\tAcquisition\tGrow\tSign-ups\t10\t20\t15\tk"]
    source.write_bytes("\r\n".join(lines).encode("utf-16"))
    summary = import_file(empty_plan, source)
    assert summary.imported == 1
    [result] = empty_plan.key_results.list()
    assert (result.title, result.start_value, result.target_value) == ("Sign-ups", 10, 20)


def test_a_failed_export_leaves_the_old_file(
    sample_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "plan.json"
    out.write_text("old")

    def refuse(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("planner.io.files.os.replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        export_plan(sample_plan, out)
    assert out.read_text() == "old"
    assert [path.name for path in folder.iterdir()] == ["plan.json"]


def test_describe() -> None:
    summary = ImportSummary(
        imported=12,
        unit="key_result",
        created={"objective": 4, "team": 3},
        updated={"key_result": 2},
        edit=Batch(()),
    )
    assert summary.describe() == (
        "Imported 12 key results (3 teams, 4 objectives created; 2 key results updated)"
    )
    assert ImportSummary(0, "row").describe() == "Imported 0 rows (nothing to change)"
    with pytest.raises(AttributeError):
        summary.imported = 3


def test_current_period_is_the_default(sample_plan: Plan, tmp_path: Path) -> None:
    period = sample_plan.periods.current(SAMPLE_DAY)
    assert period is not None
    export_plan(sample_plan, tmp_path / "a.csv", period.id)
    if sample_plan.periods.current() == period:
        export_plan(sample_plan, tmp_path / "b.csv")
        assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_read_only_plans_are_not_changed(sample_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    with Plan.open(sample_file, read_only=True) as plan:
        export_plan(plan, out)
        before = contents(plan)
        for source in (out, tmp_path / "plan.csv"):
            export_plan(plan, source)
            with pytest.raises(ReadOnlyError):
                import_file(plan, source)
        assert contents(plan) == before
