"""The one pattern every crmlab widget follows: controls -> a pure function -> a table and a plot.

An :class:`Explorer` holds named ipywidgets controls, a ``compute`` function that turns the
controls' values into a result (usually a DataFrame from one of crmlab's pure methods) and an
optional ``draw`` function that draws that result on a fresh matplotlib Figure. Changing a control
recomputes and redraws *in place* (one Output area is cleared and refilled), so figures never stack.

Tests set ``explorer.controls["name"].value`` and read ``explorer.result`` and
``explorer.figure``; nothing needs a browser.

The control factories (:func:`percent_slider`, :func:`number_slider`, :func:`choice_buttons`,
:func:`choice_dropdown`) and :class:`Captioned` (a table with a line of text above it) are
shared by every explorer, so all of them look and behave alike.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from typing import Any, Callable

from crmlab import fonts, static_view
from crmlab.errors import CrmlabError

#: Control descriptions take the width they need (long Chinese labels are not cut off).
STYLE = {"description_width": "initial"}
SLIDER_WIDTH = "340px"
DRAWN_KEPT = 12  # settings an explorer keeps drawn, figures and PNGs (some MB)
STACKED_PANEL_HEIGHT = 0.75  # each stacked panel: this share of the height the explorer asks
SIDE_BY_SIDE_MIN_WIDTH = 10.0  # inches: narrower figures (projector mode) stack their panels


def figure_size(figsize: tuple[float, float]) -> tuple[float, float]:
    """An explorer's figure size: as asked, or in projector mode (``crmlab.setup(projector=True)``)
    at most :data:`~crmlab.fonts.PROJECTOR_MAX_WIDTH` inches wide with the height kept, so the
    browser does not shrink it (and its text) to the cell's width on a projector."""
    width, height = figsize
    if fonts.projector_on() and width > fonts.PROJECTOR_MAX_WIDTH:
        return (fonts.PROJECTOR_MAX_WIDTH, height)
    return (width, height)


def side_by_side(fig, count: int = 2, **kwargs) -> list:
    """``count`` axes in one row of ``fig``; on a figure narrower than
    :data:`SIDE_BY_SIDE_MIN_WIDTH` (projector mode) one above the other, the figure made taller
    to hold them (``kwargs`` such as ``width_ratios`` apply to the row only).

    >>> from matplotlib.figure import Figure
    >>> wide, narrow = Figure(figsize=(14, 5)), Figure(figsize=(7, 5))
    >>> [ax.get_subplotspec().get_geometry()[:2] for ax in side_by_side(wide)]
    [(1, 2), (1, 2)]
    >>> [ax.get_subplotspec().get_geometry()[:2] for ax in side_by_side(narrow)]
    [(2, 1), (2, 1)]
    >>> narrow.get_size_inches().tolist()
    [7.0, 7.5]
    """
    width, height = fig.get_size_inches()
    if width >= SIDE_BY_SIDE_MIN_WIDTH:
        return list(fig.subplots(1, count, **kwargs))
    fig.set_size_inches(width, height * count * STACKED_PANEL_HEIGHT)
    return list(fig.subplots(count, 1))


def _shape(fig) -> tuple:
    """What a kept layout depends on: the number of axes and the figure's size."""
    return (len(fig.axes), tuple(round(float(x), 2) for x in fig.get_size_inches()))


def percent_slider(description: str, value: float, low: float, high: float, step: float = 0.05,
                   *, width: str = SLIDER_WIDTH):
    """A slider over fractions, shown as percentages (0.2 reads "20%"); acts on release."""
    import ipywidgets as widgets

    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               readout_format=".0%", continuous_update=False,
                               layout=widgets.Layout(width=width), style=STYLE)


def number_slider(description: str, value: int, low: int, high: int, step: int = 1,
                  *, width: str = SLIDER_WIDTH):
    """A slider over whole numbers; acts on release."""
    import ipywidgets as widgets

    return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                             continuous_update=False, layout=widgets.Layout(width=width),
                             style=STYLE)


def choice_buttons(description: str, options, value):
    """Toggle buttons for a few choices: ``options`` as (label, value) pairs. Each button is as
    wide as its label (ipywidgets' fixed width cuts long Chinese labels off)."""
    import ipywidgets as widgets

    return widgets.ToggleButtons(options=options, value=value, description=description,
                                 style={**STYLE, "button_width": "auto"})


def choice_dropdown(description: str, options, value):
    """A dropdown for a longer list of choices: ``options`` as (label, value) pairs; as wide as
    its description plus its longest label."""
    import ipywidgets as widgets

    return widgets.Dropdown(options=options, value=value, description=description, style=STYLE,
                            layout=widgets.Layout(width="max-content"))


def keep_in_order(lower, upper, gap: float) -> None:
    """Two sliders that cannot cross: moving one onto or past the other pushes the other along,
    so that ``upper`` stays at least ``gap`` above ``lower`` (within the sliders' ranges).

    Call it before the sliders go into an :class:`Explorer`: then the push lands first and the
    explorer only ever computes cuts in order.
    """
    def push_up(change):
        if upper.value < change["new"] + gap - 1e-9:
            upper.value = min(upper.max, change["new"] + gap)

    def push_down(change):
        if lower.value > change["new"] - gap + 1e-9:
            lower.value = max(lower.min, change["new"] - gap)

    lower.observe(push_up, names="value")
    upper.observe(push_down, names="value")


class Captioned:
    """A table with one line of text above it, shown as HTML in the notebook.

    >>> import pandas as pd
    >>> print(repr(Captioned(pd.DataFrame({"x": [1]}), "说明")))
    说明
     x
     1
    """

    def __init__(self, table, caption: str):
        self.table, self.caption = table, caption

    def _repr_html_(self) -> str:
        return f"<p>{_escape(self.caption)}</p>" + self.table.to_html(index=False)

    def __repr__(self) -> str:
        return self.caption + "\n" + self.table.to_string(index=False)


class Explorer:
    """Controls, a compute function and a draw function, wired together.

    ``compute(**values)`` returns the result; ``draw(result, fig)`` draws it on ``fig``
    (a ``matplotlib.figure.Figure``); ``show(result)`` returns what to display as the table
    (defaults to the result itself).
    """

    def __init__(self, controls: dict, compute: Callable[..., Any],
                 draw: Callable[[Any, Any], None] | None = None, *,
                 show: Callable[[Any], Any] | None = None, title: str = "",
                 figsize: tuple[float, float] = (8, 4.5)):
        import ipywidgets as widgets

        self.controls = dict(controls)
        self.title = title
        self.result: Any = None  # the last result computed without an error
        self.figure = None       # ... and its figure
        self.message = ""  # the Chinese message when the last compute failed
        self.stale = False  # True while a message stands above an earlier (still shown) result
        self._compute = compute
        self._draw = draw
        self._show = show
        self._figsize = figsize
        self.shown: Any = None  # the table last displayed, and the plot as PNG bytes
        self._png: bytes | None = None
        # the last few settings already drawn: moving a control back shows them at once
        self._drawn: OrderedDict = OrderedDict()
        # (axes count, figure size) -> the axes positions constrained layout found
        self._layouts: dict[tuple, list] = {}
        self.output = widgets.Output()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, _change) -> None:
        self.update()

    def update(self) -> None:
        """Recompute from the controls' values and redraw the output area.

        A bad combination of controls (a :class:`CrmlabError`) never wipes what is shown: its
        Chinese message appears above the last good table and plot, which stay until the controls
        make sense again (``stale`` is then True and ``result`` / ``figure`` are the last good ones).
        """
        values = self.values()
        key = _settings_key(values)
        if key is not None and key in self._drawn:
            self._drawn.move_to_end(key)
            self.result, self.shown, self.figure, self._png = self._drawn[key]
            self.message, self.stale = "", False
            self._display()
            return
        try:
            result = self._compute(**values)
        except CrmlabError as err:  # a bad combination of controls: say so in Chinese
            self.message, self.stale = str(err), self.result is not None
            self._display()
            return
        self.result, self.message, self.stale = result, "", False
        self.shown = self._show(result) if self._show else result
        # compute may answer None ("nothing to show yet", e.g. before a file is chosen): no plot
        self.figure = (self._render(result)
                       if self._draw is not None and result is not None else None)
        self._png = _png_bytes(self.figure) if self.figure is not None else None
        if self.figure is not None and self.figure.get_layout_engine() is not None:
            # the constrained layout just computed, kept for the next drawings of this shape
            self._layouts[_shape(self.figure)] = [ax.get_position().bounds
                                                  for ax in self.figure.axes]
        if key is not None:
            self._drawn[key] = (self.result, self.shown, self.figure, self._png)
            while len(self._drawn) > DRAWN_KEPT:
                self._drawn.popitem(last=False)
        self._display()

    def _display(self) -> None:
        from IPython.display import HTML, Image, clear_output, display

        with self.output:
            clear_output(wait=True)
            if self.message:
                kept = "（下面仍是上一次有效设置的结果。）" if self.stale else ""
                display(HTML(f'<div style="color:#a00">{_escape(self.message)}{kept}</div>'))
            if self.message and not self.stale:
                return
            if self.shown is not None:
                display(self.shown)
            if self._png is not None:
                display(Image(data=self._png))

    def _render(self, result):
        """A fresh figure with ``result`` drawn on it.

        Matplotlib's constrained layout takes about half of a drawing's time. It runs for the
        first drawing of each shape (number of axes); later drawings of that shape reuse the
        axes positions it found (the titles, labels and legends of an explorer's chart keep
        their size when a control moves), which brings a control move's redraw down by about
        that half (benchmarks/README.md, "browser").
        """
        from matplotlib.figure import Figure

        size = figure_size(self._figsize)
        if self._layouts:  # drawn before: without a layout engine, then placed as found
            fig = Figure(figsize=size, dpi=100, layout=None)
            self._draw(result, fig)
            positions = self._layouts.get(_shape(fig))
            if positions is not None:
                for ax, bounds in zip(fig.axes, positions):
                    ax.set_position(bounds)
                return fig
        # a first drawing, or a shape not seen yet (another number of axes): lay it out
        fig = Figure(figsize=size, dpi=100, layout="constrained")
        self._draw(result, fig)
        return fig

    def widget(self):
        """The whole explorer as one ipywidgets box: title, controls, output."""
        import ipywidgets as widgets

        parts = []
        if self.title:
            parts.append(widgets.HTML(f"<b>{_escape(self.title)}</b>"))
        parts.append(widgets.HBox(list(self.controls.values()),
                                  layout=widgets.Layout(flex_flow="row wrap")))
        parts.append(self.output)
        return widgets.VBox(parts)

    def still_html(self) -> str:
        """The explorer as it stands, as plain HTML: settings, table and plot (for handouts and
        stored notebooks, where the live widget is gone)."""
        settings = static_view.settings_line(self.controls)
        picture = ("" if self._png is None
                   else static_view.png_img(self._png, self.title or "图"))
        table = "" if self.message and not self.stale else static_view.table_html(self.shown)
        return static_view.explorer_still(self.title, settings, self.message, table, picture)

    def _ipython_display_(self):
        static_view.display_with_still(self.widget(), self.still_html())


def _settings_key(values: dict):
    """The controls' values as a dictionary key, or None when one cannot be a key."""
    key = tuple(sorted(values.items()))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _png_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})  # no version stamp: stable bytes
    return buffer.getvalue()


def _escape(text: str) -> str:
    import html

    return html.escape(text)
