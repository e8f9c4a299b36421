"""Fitted models shipped as data (coefficients as JSON; see nlp/linking.py)."""
