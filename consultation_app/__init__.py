"""Offline stakeholder consultation on UPR recommendations."""

__version__ = "0.1.0"
APP_NAME = "consultation-app"
ORGANISATION = "upr-consultation"
