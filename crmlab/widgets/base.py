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
from typing import Any, Callable

from crmlab import static_view
from crmlab.errors import CrmlabError

#: Control descriptions take the width they need (long Chinese labels are not cut off).
STYLE = {"description_width": "initial"}
SLIDER_WIDTH = "340px"


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
    """Toggle buttons for a few choices: ``options`` as (label, value) pairs."""
    import ipywidgets as widgets

    return widgets.ToggleButtons(options=options, value=value, description=description,
                                 style=STYLE)


def choice_dropdown(description: str, options, value):
    """A dropdown for a longer list of choices: ``options`` as (label, value) pairs."""
    import ipywidgets as widgets

    return widgets.Dropdown(options=options, value=value, description=description, style=STYLE)


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
        self.result: Any = None
        self.figure = None
        self.message = ""  # the Chinese message when the last compute failed
        self.shown: Any = None  # the table last displayed
        self._compute = compute
        self._draw = draw
        self._show = show
        self._figsize = figsize
        self.output = widgets.Output()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, _change) -> None:
        self.update()

    def update(self) -> None:
        """Recompute from the controls' values and redraw the output area."""
        from IPython.display import HTML, Image, clear_output, display

        try:
            self.result = self._compute(**self.values())
            self.message = ""
        except CrmlabError as err:  # a bad combination of controls: say so in Chinese
            self.result, self.figure, self.message = None, None, str(err)
        if self.result is not None and self._draw is not None:
            self.figure = self._render(self.result)
        with self.output:
            clear_output(wait=True)
            if self.message:
                display(HTML(f'<div style="color:#a00">{_escape(self.message)}</div>'))
                return
            shown = self._show(self.result) if self._show else self.result
            self.shown = shown
            if shown is not None:
                display(shown)
            if self.figure is not None:
                display(Image(data=_png_bytes(self.figure)))

    def _render(self, result):
        from matplotlib.figure import Figure

        fig = Figure(figsize=self._figsize, dpi=100, layout="constrained")
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
        picture = ("" if self.figure is None
                   else static_view.png_img(_png_bytes(self.figure), self.title or "图"))
        table = "" if self.message else static_view.table_html(self.shown)
        return static_view.explorer_still(self.title, settings, self.message, table, picture)

    def _ipython_display_(self):
        static_view.display_with_still(self.widget(), self.still_html())


def _png_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})  # no version stamp: stable bytes
    return buffer.getvalue()


def _escape(text: str) -> str:
    import html

    return html.escape(text)
