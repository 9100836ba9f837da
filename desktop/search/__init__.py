"""How staff's words are read for search: the folded search form of a text and the parsed query.

Below both the store (which indexes sheets) and the sources (which index
documents), so neither has to import the other to share the one reading.
"""
