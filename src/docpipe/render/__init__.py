"""Turning a deliverable's context and template into document bytes."""
