"""The portal app's routers of the JSON API (directory, benchmarks, indicators, funders), assembled in
config/portal_api.py."""
