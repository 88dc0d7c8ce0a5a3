"""Front-page search: our own static, sharded index (replacing Pagefind).

The issue that asked for search allowed another engine "with a measured reason". Measured on
2026-12-01 (benchmarks/run.py, medians of 3, 2 cores) at 10,000 postings, Pagefind took
about 30 s of a 104 s cold build, peaked at 1.9 GiB RSS (the whole build's target is under
300 MiB), and could not index incrementally (a sharded prototype showed that falling back to
prefixes per shard gives wrong results), so changing one posting cost 23 s of re-indexing.

This index is a pure function of the open postings the front page lists (`site.postings`,
newest first): no subprocess, written through the site writer like `jobs.json`, so it is
byte-for-byte reproducible and lands atomically with the pages. Each body is tokenized
once, in the read workers, and its terms kept in the build cache beside the body.

- tokens.py: the tokenizer (identical in static/search-engine.js)
- index.py: the index files (format in its docstring)
- terms.py: where each posting's body terms come from (cache, workers, preview memo)
"""
