from __future__ import annotations

from crisisplan.core.passphrase import passphrase_strength


def test_strength_levels() -> None:
    assert passphrase_strength("short").score == 0
    assert not passphrase_strength("short").acceptable
    assert passphrase_strength("aaaaaaaaaaaa").label == "Weak"
    assert passphrase_strength("password").score == 1
    assert passphrase_strength("Password12!").score == 2
    assert passphrase_strength("blue kettle morning river").score == 3
