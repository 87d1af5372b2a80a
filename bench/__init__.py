"""Benchmarks that print numbers (`python -m bench.<name>`); never timed tests."""
