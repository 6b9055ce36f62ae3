"""The command line: one module per command, each a thin wrapper over a plain
function of the Python API. ``main.py`` builds the parser from COMMANDS."""
