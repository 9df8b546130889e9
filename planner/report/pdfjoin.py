"""Appending the pages of one PDF to another, both written by Qt's ``QPdfWriter``.

A long printout is painted in two processes (:mod:`planner.report.render`), each writing its
own file; this puts the second file's pages after the first's as an incremental update of the
first file (the way PDF editors add to a file): the second file's pages and everything they use
(contents, resources, fonts) are appended under new object numbers, with a new page tree
listing all pages and a cross-reference section for what was added. The first file's bytes are
left as they are.

Only what ``QPdfWriter`` writes is supported: one classic cross-reference table, no object
streams, no encryption. Anything else raises :class:`PdfJoinError`, and the caller paints the
pages itself instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


class PdfJoinError(ValueError):
    """A file is not laid out as ``QPdfWriter`` writes it."""


_REF = re.compile(rb"(\d+) 0 R\b")
_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)")
_HEAD = re.compile(rb"(\d+) 0 obj\b")
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")


@dataclass
class _Object:
    head: bytes  # everything after "N 0 obj" up to the stream's data, or up to "endobj"
    stream: bytes | None  # the stream's bytes as stored (still compressed), if any


class _Pdf:
    def __init__(self, data: bytes) -> None:
        self.data = data
        found = _STARTXREF.search(data[-64:])
        if not data.startswith(b"%PDF-") or found is None:
            raise PdfJoinError("not a complete PDF file")
        self.startxref = int(found.group(1))
        self.offsets, trailer = self._read_xref(self.startxref)
        self.size = int(_key(trailer, rb"/Size (\d+)"))
        self.root = int(_key(trailer, rb"/Root (\d+) 0 R"))
        ids = re.search(rb"/ID\s*\[[^\]]*\]", trailer)
        self.ids = ids.group(0) if ids else b""
        info = re.search(rb"/Info (\d+) 0 R", trailer)
        self.info = int(info.group(1)) if info else None
        self.pages = int(_key(self.head(self.root), rb"/Pages (\d+) 0 R"))
        pages = self.head(self.pages)
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", pages)
        if kids is None or b"/Type /Pages" not in pages:
            raise PdfJoinError("the page tree is not one list of pages")
        self.kids = [int(n) for n in _REF.findall(kids.group(1))]
        for kid in self.kids:
            if b"/Type /Page\n" not in self.head(kid) and b"/Type /Page " not in self.head(kid):
                raise PdfJoinError("the page tree is nested")

    def _read_xref(self, at: int) -> tuple[dict[int, int], bytes]:
        data = self.data
        if not data.startswith(b"xref", at):
            raise PdfJoinError("no cross-reference table where startxref points")
        pos = at + 4
        offsets: dict[int, int] = {}
        while True:
            while data[pos : pos + 1].isspace():
                pos += 1
            if data.startswith(b"trailer", pos):
                break
            section = _SUBSECTION.match(data, pos)
            if section is None:
                raise PdfJoinError("a malformed cross-reference table")
            first, count = int(section.group(1)), int(section.group(2))
            pos = section.end()
            for number in range(first, first + count):
                entry = _ENTRY.match(data, pos)
                if entry is None:
                    raise PdfJoinError("a malformed cross-reference entry")
                if entry.group(3) == b"n":
                    if entry.group(2) != b"00000":
                        raise PdfJoinError("an object of a later generation")
                    offsets[number] = int(entry.group(1))
                pos += 20
        end = data.find(b"startxref", pos)
        trailer = data[pos:end]
        if b"/Prev" in trailer or b"/Encrypt" in trailer or b"/XRefStm" in trailer:
            raise PdfJoinError("an updated, encrypted or hybrid file")
        return offsets, trailer

    def object(self, number: int) -> _Object:
        data = self.data
        offset = self.offsets.get(number)
        if offset is None:
            raise PdfJoinError(f"object {number} is missing")
        head = _HEAD.match(data, offset)
        if head is None or int(head.group(1)) != number:
            raise PdfJoinError(f"object {number} is not where the table says")
        start = head.end()
        ends = data.find(b"endobj", start)
        opens = data.find(b"stream", start, ends)
        if ends < 0:
            raise PdfJoinError(f"object {number} does not end")
        if opens < 0:
            return _Object(data[start:ends], None)
        body = opens + len(b"stream")
        body += 2 if data.startswith(b"\r\n", body) else 1
        length = re.search(rb"/Length (\d+)( 0 R)?", data[start:opens])
        if length is None:
            raise PdfJoinError(f"stream {number} has no length")
        size = int(length.group(1))
        if length.group(2):
            size = int(self.object(size).head.strip())
        stream = data[body : body + size]
        rest = data[body + size : body + size + 32].lstrip()
        if not rest.startswith(b"endstream"):
            raise PdfJoinError(f"stream {number} is not as long as it says")
        return _Object(data[start:body], stream)

    def head(self, number: int) -> bytes:
        return self.object(number).head


def _key(text: bytes, pattern: bytes) -> bytes:
    found = re.search(pattern, text)
    if found is None:
        raise PdfJoinError(f"no {pattern.split()[0].decode()} where one is needed")
    return found.group(1)


def _refs(head: bytes) -> list[int]:
    """Object numbers ``head`` refers to, outside its strings."""
    return [int(n) for n in _REF.findall(_STRING.sub(b"()", head))]


def _renumber(head: bytes, numbers: dict[int, int]) -> bytes:
    """``head`` with every reference renumbered (strings left alone)."""

    def swap(match: re.Match[bytes]) -> bytes:
        return b"%d 0 R" % numbers[int(match.group(1))]

    parts = []
    last = 0
    for string in _STRING.finditer(head):
        parts += [_REF.sub(swap, head[last : string.start()]), string.group(0)]
        last = string.end()
    parts.append(_REF.sub(swap, head[last:]))
    return b"".join(parts)


def append_pages(first: Path, second: Path) -> int:
    """Append the pages of ``second`` to ``first`` (changed in place); returns the pages now in
    ``first``. Raises :class:`PdfJoinError`, leaving ``first`` as it was, for a file it cannot
    read."""
    a = _Pdf(first.read_bytes())
    b = _Pdf(second.read_bytes())
    # Everything b's pages use, found by following references from them; b's page tree (their
    # /Parent) becomes a's.
    numbers: dict[int, int] = {b.pages: a.pages}
    objects: dict[int, _Object] = {}
    todo = list(b.kids)
    while todo:
        number = todo.pop()
        if number in numbers:
            continue
        numbers[number] = a.size + len(objects)
        found = objects[number] = b.object(number)
        todo.extend(_refs(found.head))
    out = bytearray(b"\n")
    base = len(a.data)
    added: list[int] = []
    for number, found in objects.items():
        added.append(base + len(out))
        out += b"%d 0 obj" % numbers[number]
        out += _renumber(found.head, numbers)
        if found.stream is not None:
            out += found.stream + b"\nendstream\n"
        out += b"endobj\n"
    kids = a.kids + [numbers[kid] for kid in b.kids]
    tree = a.head(a.pages)
    tree = re.sub(
        rb"/Kids\s*\[[^\]]*\]",
        b"/Kids [" + b" ".join(b"%d 0 R" % kid for kid in kids) + b"]",
        tree,
        count=1,
    )
    tree = re.sub(rb"/Count \d+", b"/Count %d" % len(kids), tree, count=1)
    tree_at = base + len(out)
    out += b"%d 0 obj" % a.pages + tree + b"endobj\n"
    xref_at = base + len(out)
    out += b"xref\n%d 1\n%010d 00000 n \n" % (a.pages, tree_at)
    out += b"%d %d\n" % (a.size, len(added))
    out += b"".join(b"%010d 00000 n \n" % offset for offset in added)
    trailer = b"/Size %d\n/Root %d 0 R\n" % (a.size + len(added), a.root)
    if a.info is not None:
        trailer += b"/Info %d 0 R\n" % a.info
    trailer += b"/Prev %d\n" % a.startxref
    if a.ids:
        trailer += a.ids + b"\n"
    out += b"trailer\n<<\n" + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    with first.open("ab") as file:
        file.write(out)
    return len(kids)
