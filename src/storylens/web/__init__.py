"""Web stage: one FastAPI app serving the JSON API (``/api``) and the pages over one store."""

from storylens.web.app import create_app

__all__ = ["create_app"]
