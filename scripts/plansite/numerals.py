"""Chinese ordinal numerals as used in the plan's headings (一 … 十六)."""
from __future__ import annotations

DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_to_int(text: str) -> int:
    """``"十六"`` → 16, ``"二十"`` → 20, ``"四"`` → 4 (1–99)."""
    if "十" not in text:
        return DIGITS[text]
    tens, _, ones = text.partition("十")
    return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[ones] if ones else 0)
