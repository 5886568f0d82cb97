"""Feedback on a new passphrase: honest, short, and never a reason to give up.

A rough estimate from length and variety; long phrases of ordinary words score well,
because that is what people can remember (and what we recommend).
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_LENGTH = 8


@dataclass(frozen=True, slots=True)
class Strength:
    score: int  # 0 too short, 1 weak, 2 fair, 3 strong
    label: str
    advice: str

    @property
    def acceptable(self) -> bool:
        return self.score > 0


def passphrase_strength(passphrase: str) -> Strength:
    length = len(passphrase)
    if length < MIN_LENGTH:
        return Strength(0, "Too short", f"Use at least {MIN_LENGTH} characters.")
    classes = sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        )
    )
    distinct = len(set(passphrase))
    if distinct <= 3:
        return Strength(1, "Weak", "Avoid repeating the same few characters.")
    if length >= 20 or (length >= 14 and classes >= 2):
        return Strength(3, "Strong", "Good. Keep it somewhere safe: it cannot be recovered.")
    if length >= 12 or classes >= 3:
        return Strength(2, "Fair", "A few more words would make it stronger.")
    return Strength(1, "Weak", "Try a short phrase of four or five ordinary words.")
