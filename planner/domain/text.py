"""Small wording helpers for messages people read."""


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``plural(1, "team")`` is "1 team"; ``plural(2, "team")`` is "2 teams"."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {plural_form or noun + 's'}"
