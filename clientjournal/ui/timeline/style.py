"""The timeline panel's stylesheet: the timeline table, the filter buttons and the search box."""

from __future__ import annotations

PANEL_STYLE = """
QTableView#timeline {
    border: 1px solid palette(mid);
    border-radius: 8px;
    background: palette(base);
    outline: none;
    selection-background-color: palette(highlight);
    selection-color: palette(highlighted-text);
}
QTableView#timeline::item { padding: 0px 6px; border: none; }
QToolButton#filterButton, QToolButton#clearFilters {
    padding: 4px 8px;
    border: 1px solid palette(mid);
    border-radius: 6px;
    background: palette(button);
}
QToolButton#filterButton::menu-indicator { image: none; width: 0px; }
QToolButton#filterButton:hover, QToolButton#clearFilters:hover { border-color: palette(highlight); }
QToolButton#filterButton[active="true"] {
    background: palette(highlight);
    color: palette(highlighted-text);
    border-color: palette(highlight);
}
QToolButton#clearFilters { border-color: transparent; background: transparent; padding: 4px 6px; }
QToolButton#clearFilters:disabled { color: palette(placeholder-text); }
QLineEdit#timelineSearch { padding: 5px 10px; border-radius: 8px; }
"""
