"""Typed models: postings and the taxonomies that group them."""
