"""Reading a student's bar chart, whichever way it was drawn.

``plt.bar`` / ``plt.barh`` / ``ax.bar`` return a ``BarContainer``; ``Series.plot`` and
``DataFrame.plot`` return an Axes (or an array of them with ``subplots=True``);
``plt.subplots`` gives a Figure and an Axes. :func:`as_axes` finds the Axes behind any of
these, and :func:`bar_lengths` reads the bars on it.
"""

from __future__ import annotations

#: The hint when no Axes can be found in the answer.
NO_AXES_HINT = ("没有在答案里找到一张图。请把画图的结果交给检查：例如 ax = 人数.plot.bar()，"
                "或 bars = plt.bar(...) 之后写 ax = plt.gca()（gca 取得当前的坐标轴）。")


def as_axes(obj):
    """The matplotlib Axes behind ``obj`` (Axes, Figure, BarContainer, an artist, or a list /
    array of these), or None.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> bars = plt.bar(["甲", "乙"], [3, 5])
    >>> as_axes(bars) is plt.gca(), as_axes(plt.gcf()) is plt.gca(), as_axes(42)
    (True, True, None)
    >>> plt.close("all")
    """
    from matplotlib.axes import Axes
    from matplotlib.container import Container
    from matplotlib.figure import Figure, SubFigure

    if isinstance(obj, Axes):
        return obj
    if isinstance(obj, (Figure, SubFigure)):
        with_bars = [ax for ax in obj.axes if ax.patches]
        return (with_bars or obj.axes or [None])[0]
    if isinstance(obj, Container):
        for artist in obj:
            found = getattr(artist, "axes", None)
            if isinstance(found, Axes):
                return found
        return None
    if isinstance(obj, (list, tuple)) or type(obj).__name__ == "ndarray":
        items = obj.ravel().tolist() if hasattr(obj, "ravel") else list(obj)
        for item in items:
            found = as_axes(item)
            if found is not None:
                return found
        return None
    found = getattr(obj, "axes", None)
    return found if isinstance(found, Axes) else None


def bar_lengths(axes) -> list[float]:
    """The lengths of the bars on ``axes`` (heights of vertical bars, widths of horizontal ones)."""
    from matplotlib.patches import Rectangle

    bars = [p for p in axes.patches if isinstance(p, Rectangle)]
    if not bars:
        return []
    orientations = {getattr(c, "orientation", None) for c in axes.containers}
    if orientations & {"vertical", "horizontal"}:
        vertical = "horizontal" not in orientations
    else:  # bars drawn without a container: vertical bars share one width
        vertical = len({round(abs(b.get_width()), 9) for b in bars}) <= 1
    return [abs(b.get_height()) if vertical else abs(b.get_width()) for b in bars]


def title_of(axes) -> str:
    """The chart's title: the Axes' own, or the Figure's suptitle."""
    title = axes.get_title() or axes.get_title("left") or axes.get_title("right")
    if not title and axes.figure is not None and getattr(axes.figure, "_suptitle", None) is not None:
        title = axes.figure._suptitle.get_text()
    return title
