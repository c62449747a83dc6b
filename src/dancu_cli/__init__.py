"""dancu: an implementation plan (Kế hoạch) kept as code."""

__version__ = "0.1.0"


def version_line() -> str:
    """What `dancu --version` prints."""
    return f"dancu {__version__}"
