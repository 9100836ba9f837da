"""The use cases both faces share (the GUI's controllers and the CLI's commands call these, nothing else).

Each takes an open repository, does one thing a person asked for (export,
import, check a public file, start the new year, ...) and reports what it
did. No Qt here: the GUI runs these off its thread.
"""
