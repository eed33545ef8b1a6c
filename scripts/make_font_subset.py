"""Build crmlab's bundled Chinese font: a GB2312 subset of Noto Sans CJK SC (SIL OFL 1.1).

Why: a fresh Linux machine (a student's laptop, CI) has no CJK font, so matplotlib draws
boxes for every hanzi. ``crmlab.setup()`` prefers an installed CJK font and otherwise
registers this subset. The full Noto Sans CJK SC is 16-20 MB; the GB2312 subset (6,763
hanzi, full-width punctuation, symbols, ASCII) is about 3 MB.

Source: Debian's ``fonts-noto-cjk`` package (upstream https://github.com/googlefonts/noto-cjk)::

    apt-get update && apt-get install -y fonts-noto-cjk
    .venv/bin/python scripts/make_font_subset.py

The subset is renamed "crmlab Sans SC": OFL asks modified fonts not to use Reserved Font
Names, "Noto" is a Google trademark, and a distinct name lets matplotlib tell the bundled
subset apart from a full Noto installed on the same machine. The result is written to
``crmlab/fonts/`` together with the licence text.
"""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "crmlab Sans SC"
POSTSCRIPT_NAME = "crmlabSansSC-Regular"
OUT_DIR = Path(__file__).resolve().parents[1] / "crmlab" / "fonts"
OUT_NAME = "crmlab-sans-sc-gb2312.otf"
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")

# Characters outside GB2312 that plots and tables of this course use.
EXTRA = (
    "\u2212"  # minus sign, drawn by matplotlib when axes.unicode_minus is on
    "\u00a0\u00b7\u00d7\u00f7\u00b1\u00b0\u00a5\u00ae\u00a9"  # nbsp · × ÷ ± ° ¥ ® ©
    "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2030\u2022"  # – — ‘ ’ “ ” … ‰ •
    "\u2264\u2265\u2260\u2248\u2191\u2193\u2190\u2192\u221e"  # ≤ ≥ ≠ ≈ ↑ ↓ ← → ∞
    "\u20ac\u00e9\u00fc\u00e0\u00e8\u00f6"  # € and a few accented Latin letters in names
    "\u3000\u3001\u3002\u300a\u300b\u300c\u300d\u300e\u300f\u3010\u3011"  # 、。《》「」『』【】
    "\uff5e\uffe5"  # ～ ￥
)


def gb2312_characters() -> str:
    """Every character of the GB2312 charset (rows 0xA1-0xF7, cells 0xA1-0xFE) plus ASCII."""
    chars = {chr(code) for code in range(0x20, 0x7F)}
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # unassigned code point
    return "".join(sorted(chars))


def hanzi_count(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def load_source(path: Path) -> TTFont:
    if path.suffix.lower() == ".ttc":
        for font in TTCollection(path).fonts:
            if font["name"].getDebugName(1) == SOURCE_FAMILY:
                return font
        raise SystemExit(f"{SOURCE_FAMILY} not found in {path}")
    return TTFont(path)


def rename(font: TTFont) -> None:
    """Give the subset its own family name (see the module docstring)."""
    names = font["name"]
    version = names.getDebugName(5) or ""
    new = {
        1: FAMILY,
        3: f"{POSTSCRIPT_NAME};{version};GB2312 subset by crmlab",
        4: FAMILY,
        6: POSTSCRIPT_NAME,
        16: FAMILY,
        17: "Regular",
    }
    names.names = [rec for rec in names.names if rec.nameID not in new and rec.nameID != 7]
    for name_id, text in new.items():
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [POSTSCRIPT_NAME]
        top = cff.topDictIndex[0]
        top.FullName = FAMILY
        top.FamilyName = FAMILY


def build(source: Path, out_dir: Path) -> Path:
    text = gb2312_characters() + EXTRA
    font = load_source(source)
    options = subset.Options()
    options.hinting = False  # matplotlib's FreeType renders CJK fine unhinted; saves ~25 %
    options.desubroutinize = False
    options.layout_features = ["kern", "liga", "locl"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 16, 17]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    rename(font)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / OUT_NAME
    font.save(out)
    cmap = TTFont(out)["cmap"].getBestCmap()
    missing = [ch for ch in text if ord(ch) not in cmap and ch not in "\u3000\u00a0"]
    print(f"{out}: {out.stat().st_size / 1e6:.2f} MB, {len(cmap)} code points, "
          f"{hanzi_count(''.join(map(chr, cmap)))} hanzi, missing: {''.join(missing) or 'none'}")
    return out


def ofl_text(debian_copyright: Path = DEBIAN_COPYRIGHT) -> str:
    """The SIL OFL 1.1 text as Debian's fonts-noto-cjk copyright file carries it."""
    lines = debian_copyright.read_text(encoding="utf-8").splitlines()
    start = lines.index("License: SIL-1.1", lines.index("License: SIL-1.1") + 1) + 1
    body = []
    for line in lines[start:]:
        if line.startswith("License:"):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).strip() + "\n"


def write_licence(source: Path, out: Path) -> None:
    font = load_source(source)
    header = textwrap.dedent(f"""\
        {OUT_NAME} ("{FAMILY}") is a subset of {SOURCE_FAMILY} Regular,
        {font["name"].getDebugName(5)}.
        {font["name"].getDebugName(0)} Noto is a trademark of Google Inc.
        Source: Debian package fonts-noto-cjk (upstream https://github.com/googlefonts/noto-cjk),
        subset to the GB2312 charset and renamed by scripts/make_font_subset.py in crmlab.
        The subset is licensed, like the original, under the SIL Open Font License 1.1:

        """)
    out.write_text(header + ofl_text(), encoding="utf-8")
    print(f"{out}: licence written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    if not args.source.exists():
        raise SystemExit(f"{args.source} missing: apt-get install -y fonts-noto-cjk")
    build(args.source, args.out_dir)
    write_licence(args.source, args.out_dir / "OFL.txt")


if __name__ == "__main__":
    main()
