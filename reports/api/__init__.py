"""The reports app's part of the portal JSON API: the stateless SROI calculator (assembled in config/api.py)."""
