"""Cleaning of raw posting text: mojibake, junk structure, lost case, unsafe HTML."""
