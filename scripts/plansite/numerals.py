"""Numbers: Chinese ordinal numerals as used in the plan's headings (一 … 十六),
and the numbers the site computes, as shown."""
from __future__ import annotations

DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_to_int(text: str) -> int:
    """``"十六"`` → 16, ``"二十"`` → 20, ``"四"`` → 4 (1–99)."""
    if "十" not in text:
        return DIGITS[text]
    tens, _, ones = text.partition("十")
    return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[ones] if ones else 0)


def figure(value: float) -> str:
    """A number the site computes (a share, a chart's tick), as readers write
    it: no trailing zeros, at most six decimals, never exponent notation
    (``f"{x:g}"`` writes 1234567.0 as 1.23457e+06). 1000.0 → "1000",
    12.5 → "12.5", 0.1 + 0.2 → "0.3"."""
    text = f"{value:f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
