"""A CJK font for matplotlib that works on a fresh machine.

matplotlib ships DejaVu Sans only, which has no Chinese glyphs: without help, every label is drawn as tofu boxes
with "Glyph … missing from font(s)" warnings. ``cjk_font()`` registers, once per process,

1. the Noto Sans CJK collection of the pip package ``noto-cjk-sans-otc`` (OFL; a dependency of xxgk), with
   ``font_manager.fontManager.addfont`` — matplotlib's font cache does not see fonts installed after it was built;
2. else a CJK font matplotlib already knows (Debian ``fonts-noto-cjk``, ``fonts-wqy-microhei``, …).

``rc()`` gives the settings charts are drawn with: ``font.family = ["DejaVu Sans", <CJK family>]`` (matplotlib falls
back per glyph: Latin letters and digits from DejaVu Sans, Chinese from the CJK font) and ``axes.unicode_minus =
False`` (the CJK fonts lack U+2212). ``safe(text)`` replaces any character neither font has by "?", so that a rare
character in a name can never produce a tofu box or a warning.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

LATIN = "DejaVu Sans"
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Noto Sans CJK JP", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Droid Sans Fallback", "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC")


@dataclass(frozen=True)
class CJKFont:
    family: str  # the family name to ask matplotlib for
    path: str  # the file matplotlib resolves that family to
    index: int  # face index within a .ttc collection
    source: str  # "noto-cjk-sans-otc" | "system"


class NoCJKFont(RuntimeError):
    pass


def package_font() -> str | None:
    """The font file of the pip package ``noto-cjk-sans-otc``, when it is installed."""
    try:
        import noto_cjk_sans_otc
    except ImportError:
        return None
    return str(noto_cjk_sans_otc.FONT_PATH)


@cache
def cjk_font() -> CJKFont:
    """Register the CJK font (once) and say which one charts use. Raises ``NoCJKFont`` when there is none."""
    from matplotlib import font_manager

    packaged = package_font()
    names: list[str] = []
    if packaged:
        font_manager.fontManager.addfont(packaged)  # every face of the collection (Noto Sans CJK SC, JP, …)
        names = sorted({e.name for e in font_manager.fontManager.ttflist if e.fname == packaged})
    known = {e.name for e in font_manager.fontManager.ttflist}
    preferred = [f for f in CJK_FAMILIES if f in names] + names + [f for f in CJK_FAMILIES if f in known]
    if not preferred:
        raise NoCJKFont("no CJK font: install the pip package noto-cjk-sans-otc (a dependency of xxgk) or a system "
                        "CJK font such as Debian's fonts-noto-cjk")
    family = preferred[0]
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    path = str(getattr(found, "path", found))
    return CJKFont(family=family, path=path, index=int(getattr(found, "face_index", 0) or 0),
                   source="noto-cjk-sans-otc" if path == packaged else "system")


def rc() -> dict:
    """matplotlib rc settings for charts with Chinese labels."""
    return {"font.family": [LATIN, cjk_font().family], "axes.unicode_minus": False}


def use_cjk_font() -> CJKFont:
    """Set the rc settings globally (for notebooks: ``nlp.compare.fonts.use_cjk_font()`` before plotting)."""
    import matplotlib

    matplotlib.rcParams.update(rc())
    return cjk_font()


@cache
def _charmaps() -> tuple[frozenset, frozenset]:
    from matplotlib import font_manager

    latin = font_manager.findfont(font_manager.FontProperties(family=LATIN))
    font = cjk_font()
    cjk = font_manager.findfont(font_manager.FontProperties(family=font.family))
    return (frozenset(font_manager.get_font(latin).get_charmap()),
            frozenset(font_manager.get_font(cjk).get_charmap()))


def covered(char: str) -> bool:
    """Whether DejaVu Sans or the CJK font has a glyph for ``char`` (whitespace always counts as covered)."""
    if char.isspace():
        return True
    latin, cjk = _charmaps()
    return ord(char) in latin or ord(char) in cjk


def safe(text) -> str:
    """``text`` with every character that no chart font has replaced by '?'."""
    text = "" if text is None else str(text)
    return "".join(c if covered(c) else "?" for c in text)
