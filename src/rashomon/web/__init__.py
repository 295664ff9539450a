"""The web app behind ``rashomon serve``: stored events, their reports, and ad-hoc analysis.

``create_app`` (in ``app.py``) builds the FastAPI app; ``server.serve`` runs it with uvicorn and
refuses to listen beyond loopback without a token.
"""

from rashomon.web.app import create_app

__all__ = ["create_app"]
