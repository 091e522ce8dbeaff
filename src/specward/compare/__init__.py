"""Comparing two normalized specs."""
