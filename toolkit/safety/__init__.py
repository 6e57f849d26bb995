"""The input boundary and the output guards: every file read, every text shown, every cell.

Four small modules, each the one place its rule lives, so a hole closed here stays closed:

* ``reader``: every file the product reads goes through ``read_bytes``/``read_text``, which
  check type, size, encoding and (for YAML and XML) nesting depth before anything parses,
  and raise ``InputError`` naming the file, the line and the fix.
* ``terminal``: every text printed in a terminal goes through ``for_terminal``, which
  removes control characters and escape sequences.
* ``spreadsheet``: every cell written to CSV or xlsx goes through ``neutral_cell`` (or
  ``neutral_frame``), which defuses cells a spreadsheet would run as a formula.
* ``files``: ``write_atomically`` refuses to overwrite a file or follow a symlink unless
  told to, and writes through a temporary file renamed into place.
* ``domains``: ``check_finite`` and friends, for numeric entry points.

Import from the modules (``from toolkit.safety.terminal import for_terminal``): this package
imports none of them, so printing a message never loads pandas.
"""
