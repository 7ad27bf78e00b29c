#!/usr/bin/env python3
"""Draw the site's own images: the default link-preview image and the news covers.

No third-party photos: flat shapes and Vietnamese captions, 1200×630 (the size Facebook and
Zalo show best), saved as small palette PNGs in content/assets/news/. The outputs are
committed; run this again only to change them:

    .venv/bin/pip install Pillow==12.0.0   # a development tool, not needed to build the site
    .venv/bin/python scripts/make_images.py

Needs the DejaVu fonts (Debian: fonts-dejavu-core), which cover Vietnamese diacritics.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "assets" / "news"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
W, H = 1200, 630
UNIT = "Trung tâm Văn hóa – Học tập cộng đồng xã Viêng Lán"

# file name, caption (one or two lines), small line, background, accent, motif
IMAGES = [
    ("mac-dinh.png", "Học tập suốt đời\ncho mọi người dân", "Kế hoạch · Lịch hoạt động · Tin tức",
     "#2e7d32", "#ffb74d", "book"),
    ("ngay-sach-2025.png", "Ngày Sách và\nVăn hóa đọc 2025", "21/4/2025 · Nhà văn hóa xã", "#4e342e", "#ffcc80", "book"),
    ("lop-cham-soc-xoai.png", "Lớp kỹ thuật\nchăm sóc xoài", "Nông dân học nghề", "#558b2f", "#fff176", "leaf"),
    ("lop-theu-tho-cam.png", "Lớp thêu\nthổ cẩm", "Dạy nghề cho phụ nữ các bản", "#ad1457", "#ffd54f", "weave"),
    ("tuan-le-hoc-tap-2025.png", "Tuần lễ hưởng ứng\nhọc tập suốt đời", "Năm 2025", "#1565c0", "#ffca28", "sun"),
    ("tuan-le-hoc-tap-2026.png", "Tuần lễ hưởng ứng\nhọc tập suốt đời", "Năm 2026 · Học tập trong kỷ nguyên số", "#0d47a1",
     "#ffca28", "sun"),
    ("hoi-thi-tim-hieu.png", "Hội thi tìm hiểu\nhọc tập suốt đời", "Các bản cùng tranh tài", "#ef6c00", "#fff3e0", "star"),
    ("xoe-ban-lan.png", "Câu lạc bộ Văn nghệ\nbản Lán", "Ngày Di sản văn hóa Việt Nam 23/11", "#6a1b9a", "#f8bbd0", "dance"),
    ("trien-lam-anh.png", "Triển lãm ảnh\nViêng Lán đổi mới", "Nhà văn hóa trung tâm xã", "#00838f", "#e0f7fa", "frame"),
    ("chieu-phim.png", "Chiếu phim\nlưu động", "Phục vụ bà con bản Khâu Cang", "#37474f", "#ffe082", "film"),
    ("lop-tin-hoc.png", "Lớp tin học\ncho người dân", "Dùng điện thoại, dịch vụ công", "#283593", "#80deea", "phone"),
    ("ngay-sach-2026.png", "Ngày Sách và\nVăn hóa đọc 2026", "Tủ sách bản – mở cửa cho mọi người", "#5d4037", "#a5d6a7", "book"),
]


def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def motif(draw: ImageDraw.ImageDraw, kind: str, cx: int, cy: int, r: int, fg: str, bg: str) -> None:
    """A simple pictogram centred on (cx, cy) within radius r."""
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fg)
    s = r * 0.6
    if kind == "book":
        draw.polygon([(cx, cy - s * 0.4), (cx - s, cy - s * 0.7), (cx - s, cy + s * 0.6), (cx, cy + s * 0.9)], fill=bg)
        draw.polygon([(cx + 6, cy - s * 0.4), (cx + s, cy - s * 0.7), (cx + s, cy + s * 0.6), (cx + 6, cy + s * 0.9)],
                     fill=bg)
    elif kind == "leaf":
        draw.ellipse((cx - s, cy - s * 0.5, cx + s, cy + s * 0.5), fill=bg)
        draw.line((cx - s, cy + s * 0.6, cx + s * 0.8, cy - s * 0.2), fill=fg, width=8)
    elif kind == "weave":
        for i in range(-3, 4):
            draw.polygon([(cx + i * s / 3, cy - s * 0.3), (cx + i * s / 3 + s / 6, cy),
                          (cx + i * s / 3, cy + s * 0.3), (cx + i * s / 3 - s / 6, cy)], fill=bg)
    elif kind == "sun":
        draw.ellipse((cx - s * 0.5, cy - s * 0.5, cx + s * 0.5, cy + s * 0.5), fill=bg)
        for i in range(12):
            a = i * math.pi / 6
            draw.line((cx + math.cos(a) * s * 0.65, cy + math.sin(a) * s * 0.65,
                       cx + math.cos(a) * s, cy + math.sin(a) * s), fill=bg, width=10)
    elif kind == "star":
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            rr = s if i % 2 == 0 else s * 0.45
            pts.append((cx + math.cos(a) * rr, cy + math.sin(a) * rr))
        draw.polygon(pts, fill=bg)
    elif kind == "dance":
        for dx in (-s * 0.6, 0, s * 0.6):
            draw.ellipse((cx + dx - 16, cy - s * 0.7, cx + dx + 16, cy - s * 0.7 + 32), fill=bg)
            draw.polygon([(cx + dx, cy - s * 0.3), (cx + dx - 28, cy + s * 0.7), (cx + dx + 28, cy + s * 0.7)], fill=bg)
        draw.line((cx - s, cy - s * 0.15, cx + s, cy - s * 0.15), fill=bg, width=8)
    elif kind == "frame":
        draw.rectangle((cx - s, cy - s * 0.7, cx + s, cy + s * 0.7), outline=bg, width=12)
        draw.polygon([(cx - s * 0.8, cy + s * 0.5), (cx - s * 0.2, cy - s * 0.2), (cx + s * 0.2, cy + s * 0.2),
                      (cx + s * 0.45, cy), (cx + s * 0.8, cy + s * 0.5)], fill=bg)
    elif kind == "film":
        draw.rectangle((cx - s, cy - s * 0.6, cx + s, cy + s * 0.6), fill=bg)
        for i in range(-3, 4):
            x = cx + i * s / 3.5
            draw.rectangle((x - 8, cy - s * 0.55, x + 8, cy - s * 0.4), fill=fg)
            draw.rectangle((x - 8, cy + s * 0.4, x + 8, cy + s * 0.55), fill=fg)
        draw.polygon([(cx - s * 0.2, cy - s * 0.25), (cx - s * 0.2, cy + s * 0.25), (cx + s * 0.25, cy)], fill=fg)
    elif kind == "phone":
        draw.rounded_rectangle((cx - s * 0.45, cy - s * 0.9, cx + s * 0.45, cy + s * 0.9), radius=20, fill=bg)
        draw.rectangle((cx - s * 0.35, cy - s * 0.7, cx + s * 0.35, cy + s * 0.6), fill=fg)


def make(name: str, caption: str, small: str, background: str, accent: str, kind: str) -> Path:
    img = Image.new("RGB", (W, H), background)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, H - 90, W, H), fill="#ffffff")
    draw.text((60, H - 62), UNIT, font=font(28, bold=False), fill=background)
    motif(draw, kind, W - 250, 250, 170, accent, background)
    y = 90
    for line in caption.split("\n"):
        draw.text((60, y), line, font=font(68), fill="#ffffff")
        y += 88
    draw.rectangle((60, y + 20, 180, y + 30), fill=accent)
    draw.text((60, y + 55), small, font=font(34, bold=False), fill="#ffffff")
    out = OUT / name
    img.quantize(colors=48, dither=Image.Dither.NONE).save(out, optimize=True)
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for spec in IMAGES:
        path = make(*spec)
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
