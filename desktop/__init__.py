"""Sesaku Desk: drafting and reporting the follow-up survey's measure sheets.

The package is layered (see docs/architecture in DESIGN.md): ``survey`` and
``store``, ``sources`` and ``reports`` never import Qt; ``ui`` is the only Qt
layer and ``cli`` the headless face of the same services.
"""

__version__ = "0.1.0"
