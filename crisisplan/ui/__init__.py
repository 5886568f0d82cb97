"""The PySide6 desktop app. The only package (with `app.py`) allowed to import Qt."""
