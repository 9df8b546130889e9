"""Render the app icon's PNG sizes and the Windows .ico from okr-planner.svg.

Run it after changing the SVG, from anywhere:

    python resources/icons/render_icons.py

It writes okr-planner-<size>.png for every size in SIZES, beside this file, and
okr-planner.ico holding the sizes Windows uses (stored as PNG images, which Windows
Vista and later read). Only PySide6 is needed: the ICO container is a small header
written here by hand, so Pillow is not a dependency. macOS's .icns is made at build time
on a Mac with iconutil (docs/packaging.md).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "okr-planner.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 32, 48, 64, 128, 256)  # an ICO entry stores its size in one byte: 256 at most


def png_path(size: int) -> Path:
    return HERE / f"okr-planner-{size}.png"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent square of ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file holding each PNG of ``images`` (size -> PNG bytes), smallest first.

    Layout: ICONDIR (reserved 0, type 1, count), one 16-byte ICONDIRENTRY per image (width
    and height as one byte each, 0 meaning 256; colour count 0; reserved 0; planes 1; bits
    per pixel 32; the payload's length and offset), then the payloads one after another.
    """
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size in sizes:
        if not 1 <= size <= 256:
            raise ValueError(f"an ICO image is 1 to 256 pixels wide, not {size}")
        payload = images[size]
        side = 0 if size == 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
    return header + entries + b"".join(images[size] for size in sizes)


def main() -> int:
    # Rendering needs a QGuiApplication (fonts, image plugins); no window is ever shown.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    rendered: dict[int, bytes] = {}
    for size in SIZES:
        rendered[size] = render_png(SOURCE, size)
        png_path(size).write_bytes(rendered[size])
        print(f"wrote {png_path(size).name} ({len(rendered[size])} bytes)")
    ico = HERE / "okr-planner.ico"
    ico.write_bytes(ico_bytes({size: rendered[size] for size in ICO_SIZES}))
    print(f"wrote {ico.name} ({ico.stat().st_size} bytes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
