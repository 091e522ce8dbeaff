"""A stateful mock server for any spec: ``create_app(spec_or_path, seed=0)`` is an ASGI app."""

from specward.mock.app import MockApp, create_app

__all__ = ["MockApp", "create_app"]
