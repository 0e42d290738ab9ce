"""Thin Reflex State classes: resolve the user on the server, validate, call a service."""
