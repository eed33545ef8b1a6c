"""``name_scan.names_as_is`` for Arrow text that is all printable ASCII, on Arrow's own buffers.

With pyarrow, pandas' C parser hands a large CSV's customer column over as Arrow text: every
name's UTF-8 bytes in one buffer, and where each name starts. For ids such as ``C0012345``
(printable ASCII), every rule that ``names_as_is`` asks of the joined text is a question about
bytes and their neighbours, which numpy answers on that buffer without joining the names into
one Python string (about 10 ms instead of about 1 s for 7 million names). The names are taken a
slice at a time, so numpy's temporaries stay a few MB.

``None`` means "ask the general check": a byte outside printable ASCII (Chinese names, a
control character), or Arrow text in a layout this does not read. The answers are those of the
joined-text check (``tests/test_cleaning.py`` compares them on every ASCII character).
"""

from __future__ import annotations

import numpy as np

NAMES_PER_SLICE = 1 << 20
_OFFSETS = {"string": np.int32, "large_string": np.int64}


def ascii_names_as_is(cells, totals_words: list[str],
                      names_per_slice: int = NAMES_PER_SLICE) -> bool | None:
    """True when every name is printable ASCII that ``clean_names`` keeps as it is; False when
    one is not (empty, untrimmed, a doubled space, ``#`` first, one of the lower-case ASCII
    ``totals_words`` in any case, a digit before e); None when a name is not printable ASCII."""
    import pyarrow as pa

    chunked = pa.chunked_array(pa.array(cells.array))
    if chunked.null_count:
        return False
    words = [w.encode("ascii") for w in totals_words]
    for chunk in chunked.chunks:
        if str(chunk.type) not in _OFFSETS:
            return None
        for start in range(0, len(chunk), names_per_slice):
            answer = _slice_as_is(chunk.slice(start, names_per_slice), words)
            if answer is not True:
                return answer
    return True


def _slice_as_is(names, words: list[bytes]) -> bool | None:
    _, offsets_buffer, data_buffer = names.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=_OFFSETS[str(names.type)])
    offsets = offsets[names.offset:names.offset + len(names) + 1].astype(np.int64)
    starts, ends = offsets[:-1] - offsets[0], offsets[1:] - offsets[0]
    if (ends == starts).any():
        return False  # an empty name
    data = np.frombuffer(data_buffer, dtype=np.uint8)[offsets[0]:offsets[-1]]
    if not ((data - 32) < 95).all():
        return None  # not printable ASCII: a control character, DEL, or UTF-8 beyond ASCII
    first, last = data[starts], data[ends - 1]
    if (first == ord(" ")).any() or (first == ord("#")).any() or (last == ord(" ")).any():
        return False  # untrimmed, or an Excel error value (#N/A, #REF!)
    follows = np.ones(len(data), dtype=bool)  # follows[i]: byte i is in the same name as byte i - 1
    follows[starts] = False
    space = data == ord(" ")
    if (space[:-1] & space[1:] & follows[1:]).any():
        return False  # a doubled space
    lower = data | 32  # ASCII letters in lower case (other bytes never equal a letter here)
    digit = (data - ord("0")) < 10
    if (digit[:-1] & (lower[1:] == ord("e")) & follows[1:]).any():
        return False  # a scientific id such as 6.22E+18
    for word in words:
        n = len(data) - len(word) + 1
        if n <= 0:
            continue
        found = lower[:n] == word[0]
        for k in range(1, len(word)):
            found &= (lower[k:n + k] == word[k]) & follows[k:n + k]
        if found.any():
            return False
    return True
