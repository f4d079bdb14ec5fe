"""Argument routes: where a trigger's agent and object are, one module per route."""
