"""The old name of :mod:`crmlab.widgets.crm_basics` (chapter 1's explorers), kept so that notebooks
written with ``crmlab.widgets.value`` keep working."""

from crmlab.widgets.crm_basics import (  # noqa: F401
    SALON_INTENSITY_NAMES,
    SALON_SHARE_NAMES,
    clv_explorer,
    retention_explorer,
    salon_explorer,
    salon_intensity_table,
    salon_table,
)
