"""Formulas of the funding programmes, one module per programme (see `base.py`)."""
