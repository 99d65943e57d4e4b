"""Thin Qt item models over rows from the storage layer; testable without widgets."""
