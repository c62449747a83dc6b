"""The core: models, workspace loading, calendar and obligations. It knows nothing of the terminal."""
