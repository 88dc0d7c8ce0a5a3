"""`jobboard serve`: the live-reload preview (site kept in memory, livereload serving it)."""
