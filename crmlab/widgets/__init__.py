"""ipywidgets explorers: each builder returns an :class:`~crmlab.widgets.base.Explorer` that calls
crmlab's pure methods. Importing this package imports ipywidgets; ``import crmlab`` does not."""
