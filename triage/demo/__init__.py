"""Demo data: the fictional town Dijlegem."""
