"""Offline stakeholder consultation on UPR recommendations."""

import time

PROCESS_START = time.perf_counter()  # first import: the smoke test's start-up clock starts here

__version__ = "0.1.0"
APP_NAME = "consultation-app"
ORGANISATION = "upr-consultation"
