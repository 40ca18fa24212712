"""Rendering: Jinja2 template → Markdown → markdown-it tokens → one writer per format."""
