"""Which language a fan wrote in, when they do not say."""

from __future__ import annotations

import re

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")


def written_in(*texts: str) -> str:
    """ "ko" when Hangul carries the text, else "en". A Hangul syllable holds about what two or
    three Latin letters do, so Korean with English words mixed in still counts as Korean, and
    English that names a character in Hangul still counts as English."""
    text = " ".join(texts)
    hangul, latin = len(HANGUL.findall(text)), len(LATIN.findall(text))
    return "ko" if hangul and hangul * 2 >= latin else "en"
