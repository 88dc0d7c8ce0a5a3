"""jobboard: a static job-board site generator.

The data flow is visible in the package layout:

    readers/  -> raw fields and body from any posting shape
    clean/    -> repaired text, tidy Markdown, restored case, sanitized HTML
    extract/  -> typed metadata (salary, locations, dates, ...)
    model/    -> Posting, taxonomies (companies, locations), slugs
    render/   -> Markdown to HTML, Jinja2 pages
    write/    -> atomic output folder
    commands/ -> build, serve, check, import
"""

__version__ = "0.1.0"
