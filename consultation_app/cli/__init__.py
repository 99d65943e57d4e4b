"""The headless command line: thin commands over the services the desktop app uses."""
