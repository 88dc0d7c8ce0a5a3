"""Rendering: Markdown to HTML, and Jinja2 templates to pages."""
