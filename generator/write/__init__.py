"""Writing the built site: a temporary folder swapped into place at the end."""
