"""Ground floor: the shared vocabularies (sectors, provinces, SDGs, themes); imports only core."""
