"""Printable documents (full plan, wallet card) with ReportLab.

Seam for the printing issue: documents take `core` objects and return bytes or write a
file atomically; they never touch the vault or Qt.
"""
