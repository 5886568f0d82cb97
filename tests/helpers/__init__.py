"""Helpers shared by tests."""

PASSPHRASE = "correct horse battery staple"
