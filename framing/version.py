"""The version of framing, in one place (the package, the CLI and model files read it here)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
