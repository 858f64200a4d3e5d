"""API consumers (issue #17, item 3): keys staff issue to partners, and the read APIs' per-IP and per-key limits."""
