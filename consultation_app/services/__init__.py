"""What the CLI and the UI both call: open a data folder, load catalogs, count, generate."""
