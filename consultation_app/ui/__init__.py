"""Widgets, Qt item models over the storage layer, and the one background-work helper.
The only package that imports QtWidgets."""
