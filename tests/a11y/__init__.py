"""Screen-reader tests: Orca over AT-SPI on a private X screen (see stack.py)."""
