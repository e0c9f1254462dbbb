# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A partner coop's revoked serials, packed for the till (server -> till only).

The directory entry lists them as card-format.md says ("revoked": ["000045", ...]);
a till receives 340 coops' lists at opening, so they travel packed, and the till
unpacks them (static/src/app/passkoop_revoked.js, the only reader of this format).
Plain Python, no Odoo.

A SERIAL is `[A-Z0-9]{1,16}`: "000045" and "45" are two cards. Serials made only of
digits (an Odoo sequence's "000123") are grouped by their number of digits, and each
group is written as numbers, the serial being the number with leading zeros to that
width. Groups are separated by ";", each one of:

- `<width>b<first>.<base64>`: a bitmap, bit i (byte i // 8, bit i % 8, lowest
  first) set when the number first + i is revoked;
- `<width>d<base64>`: unsigned LEB128 varints, the first number then the gaps
  (each at least 1) from one number to the next, in increasing order;
- `*<serial> <serial> ...`: the other serials as they are (letters, or more digits
  than a JavaScript number holds exactly).

Each digit group takes the shorter of the two forms: dense lists (one card in a
few revoked) as bitmaps, sparse ones (huge gaps) as gaps. No serial: "".
"""

import base64
import re
from itertools import pairwise

MAX_DIGITS = 15  # 10**15 < 2**53: exact in a JavaScript number
_NUMERIC = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


def _varints(numbers):
    out = bytearray()
    for number in numbers:
        while number >= 0x80:
            out.append(number & 0x7F | 0x80)
            number >>= 7
        out.append(number)
    return bytes(out)


def _pack_numbers(width, numbers):
    """One group of numbers (sorted, distinct), in the shorter of its two forms."""
    gaps = _varints([numbers[0]] + [b - a for a, b in pairwise(numbers)])
    first = numbers[0]
    span = numbers[-1] - first + 1
    if (span + 7) // 8 < len(gaps):
        bits = bytearray((span + 7) // 8)
        for number in numbers:
            offset = number - first
            bits[offset >> 3] |= 1 << (offset & 7)
        return f"{width}b{first}.{base64.b64encode(bits).decode()}"
    return f"{width}d{base64.b64encode(gaps).decode()}"


def pack_revoked(serials):
    """The packed text of a list of serials (any order, repeats ignored)."""
    by_width = {}
    others = set()
    for serial in set(serials):
        if _NUMERIC.fullmatch(serial):
            by_width.setdefault(len(serial), []).append(int(serial))
        else:
            others.add(serial)
    groups = [
        _pack_numbers(width, sorted(numbers))
        for width, numbers in sorted(by_width.items())
    ]
    if others:
        groups.append("*" + " ".join(sorted(others)))
    return ";".join(groups)
