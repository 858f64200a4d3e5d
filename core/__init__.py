"""Ground floor: helpers every app may use; core imports no project app (import-linter keeps it so)."""
