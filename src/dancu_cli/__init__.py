"""dancu: an implementation plan (Kế hoạch) kept as code."""

__version__ = "0.1.0"
