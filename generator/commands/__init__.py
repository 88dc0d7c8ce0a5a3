"""The command-line commands: build, serve, check, import."""
