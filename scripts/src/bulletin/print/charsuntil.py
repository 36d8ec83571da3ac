"""tinyhtml5's tokenizer regexes found in its cache, not built anew for every run of text.

``HTMLInputStream.chars_until`` keeps the regex for each set of stop characters in a module dict, but
stores it under the regex it just made (``characters = cache[(characters, opposite)] = regex``
assigns ``characters`` first), so the look-up never hits: every run of text between two tags makes the
regex's source again and asks ``re.compile`` for it. Every print HTML is parsed by tinyhtml5 twice,
once by the preflight's reading (print/texts.py) and once by WeasyPrint, and this was a tenth of the
reading's time. ``install()`` puts the regex under the stop characters before tinyhtml5's own
method looks; the method then finds it and reads the stream as before, with the same regex, so the
parse is the same.
"""
from __future__ import annotations

import re

from .wrapping import wrap

_wrapped: dict = {}   # tinyhtml5's own method, by name (the tests parse without)


def _stream_class():
    from tinyhtml5 import inputstream
    inputstream.characters_until_regex        # noqa: B018 - an AttributeError if the cache is gone
    return inputstream.HTMLUnicodeInputStream


def regex(characters, opposite: bool) -> re.Pattern:
    """The regex tinyhtml5 makes for ``characters``: a run of them, or with ``opposite`` of anything else."""
    escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
    return re.compile(f"[{escaped}]+" if opposite else f"[^{escaped}]+")


def _cached(original):
    from tinyhtml5 import inputstream

    def chars_until(stream, characters, opposite=False):
        cache, key = inputstream.characters_until_regex, (characters, opposite)
        if key not in cache:
            cache[key] = regex(characters, opposite)
        return original(stream, characters, opposite)
    return chars_until


def install() -> bool:
    """Wrap tinyhtml5's chars_until (once per process); False, and its own, if it is not there."""
    return wrap(_wrapped, _stream_class, "chars_until", _cached,
                "tinyhtml5 builds its tokenizer regexes anew for every run of text")
