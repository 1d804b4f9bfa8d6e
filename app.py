"""Peta Inklusi composition root (placeholder replaced in the next commit)."""
