"""Test suite of OKR Planner."""
