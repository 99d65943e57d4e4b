"""Excel exchange: export packages, capture templates, reading them back. No widgets."""
