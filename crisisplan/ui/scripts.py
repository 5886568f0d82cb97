"""Every script the person writes, drawn right in the windows: text direction.

The interface is English, laid out left to right. A name or item in Arabic or Hebrew
starts with a right-to-left letter, and Qt then makes its whole paragraph right-to-left:
the line jumps to the right edge, away from its role text, and a list flips alignment
line by line. A left-to-right mark at the start of each line keeps the paragraph's
direction that of the interface; inside it, the person's words still read right to left.
"""

from __future__ import annotations

import unicodedata

LRM = "\u200e"  # LEFT-TO-RIGHT MARK: a strong left-to-right character of zero width
_RIGHT_TO_LEFT = frozenset({"R", "AL"})


def has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in text)


def ltr_lines(text: str) -> str:
    """`text` with each line held in the interface's left-to-right direction.

    Text with no right-to-left letter is returned unchanged (nothing invisible is added
    to what most people see, copy or test).
    """
    if not has_right_to_left(text):
        return text
    return "\n".join(line if line.startswith(LRM) else LRM + line for line in text.split("\n"))
