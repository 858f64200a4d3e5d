"""The portal app's routers of the JSON API (directory, benchmarks), assembled in config/portal_api.py."""
