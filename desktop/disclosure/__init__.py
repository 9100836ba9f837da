"""Non-public parts: following marks through edits, describing them, and checking published files for leaks."""
