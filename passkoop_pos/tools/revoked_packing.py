# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A partner coop's revoked serials, packed for the till (server -> till only).

The directory entry lists them as card-format.md says ("revoked": ["000045", ...]);
a till receives 340 coops' lists at opening, so they travel packed, and the till
unpacks them (static/src/app/passkoop_revoked.js, the only reader of this format).
Plain Python, no Odoo.

A SERIAL is `[A-Z0-9]{1,16}`: "000045" and "45" are two cards. Serials made only of
digits (an Odoo sequence's "000123") are grouped by their number of digits, and
written as numbers, the serial being the number with leading zeros to that width.
Groups are separated by ";", each one of:

- `<width>b<first>.<base64>`: a bitmap, bit i (byte i // 8, bit i % 8, lowest
  first) set when the number first + i is revoked; a width may have several;
- `<width>d<base64>`: unsigned LEB128 varints, the first number then the gaps
  (each at least 1) from one number to the next, in increasing order; at most one
  a width, for the numbers no bitmap of that width holds;
- `*<serial> <serial> ...`: the other serials as they are (letters, or more digits
  than a JavaScript number holds exactly).

A width's numbers are cut where two are more than 32 apart; each run of numbers so
cut goes into a bitmap if that is shorter than its gaps (cards revoked in runs, or
one in a few), else into the width's gaps (sparse cards, huge gaps). No serial: "".
"""

import base64
import re
from itertools import pairwise

MAX_DIGITS = 15  # 10**15 < 2**53: exact in a JavaScript number
CUT = 32  # bits: a gap of more costs more in a bitmap than among the gaps
_NUMERIC = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


def _varints(numbers):
    out = bytearray()
    for number in numbers:
        while number >= 0x80:
            out.append(number & 0x7F | 0x80)
            number >>= 7
        out.append(number)
    return bytes(out)


def _bitmap(numbers):
    first = numbers[0]
    bits = bytearray((numbers[-1] - first) // 8 + 1)
    for number in numbers:
        offset = number - first
        bits[offset >> 3] |= 1 << (offset & 7)
    return f"{first}.{base64.b64encode(bits).decode()}"


def _runs(numbers):
    """The sorted numbers, cut where two are more than CUT apart."""
    run = [numbers[0]]
    for previous, number in pairwise(numbers):
        if number - previous > CUT:
            yield run
            run = []
        run.append(number)
    yield run


def _pack_numbers(width, numbers):
    """The groups of one width's numbers (sorted, distinct)."""
    bitmaps, sparse = [], []
    for run in _runs(numbers):
        bitmap = _bitmap(run)
        # Its gaps, counted as if alone: at worst a few bytes too many.
        gaps = len(_varints([run[0]] + [b - a for a, b in pairwise(run)]))
        if len(bitmap) + len(str(width)) + 1 < gaps * 4 / 3:
            bitmaps.append(f"{width}b{bitmap}")
        else:
            sparse += run
    if sparse:
        gaps = _varints([sparse[0]] + [b - a for a, b in pairwise(sparse)])
        bitmaps.append(f"{width}d{base64.b64encode(gaps).decode()}")
    return bitmaps


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
        group
        for width, numbers in sorted(by_width.items())
        for group in _pack_numbers(width, sorted(numbers))
    ]
    if others:
        groups.append("*" + " ".join(sorted(others)))
    return ";".join(groups)
