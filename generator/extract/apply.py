"""A way to apply when no apply URL is stated: an e-mail address, as a `mailto:` link.

Looked for, in order: the contact fields a posting states (front matter `contact:` with
its `email:`, `email:` / `contact email:` keys and `Email:` labels, JSON-LD
`applicationContact`), then a line of the body that asks for applications by e-mail
("Please send your CV to x@y", "To apply, email x@y", "Bitte senden Sie Ihre Bewerbung an
x@y"). Addresses are validated (email-validator, syntax only, no DNS look-up); example
addresses (`you@example.com`, `name@yourcompany.com`) and obviously obfuscated ones
(`jobs [at] acme [dot] com`, `jobs@NOSPAM.acme.com`) give no link.
"""

from __future__ import annotations

import html
import re
from typing import Any

from email_validator import EmailNotValidError, validate_email

_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+'-]{1,64}@[\w-]{1,63}(?:\.{1,2}[\w-]{1,63})+")
_EXAMPLE_DOMAIN = re.compile(
    r"(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost"
    r"|(?:your|my)[-.]?(?:company|domain|business|site|website|email|mail)\.\w+"
    r"|(?:company|domain|email-address|mailinator)\.com)$",
    re.I,
)
_EXAMPLE_LOCAL = frozenset(
    {
        "you", "your", "yourname", "your.name", "name", "firstname", "firstname.lastname",
        "first.last", "first.lastname", "john.doe", "jane.doe", "johndoe", "janedoe",
        "user", "username", "someone", "somebody", "email", "e-mail", "address", "foo",
        "test", "noreply", "no-reply", "donotreply",
    }
)  # fmt: skip
_OBFUSCATED = re.compile(r"no-?spam|remove-?this|spam-?free|\bnospam\b", re.I)


def email_address(text: str) -> str | None:
    """The first e-mail address in `text`, validated and normalised (domain lower case);
    None when there is none, or it is an example or an obfuscated address."""
    match = _ADDRESS.search(text[:5000])
    if match is None:
        return None
    candidate = match.group().rstrip(".'-")
    local, _, domain = candidate.rpartition("@")
    if _OBFUSCATED.search(candidate) or _EXAMPLE_DOMAIN.search(domain) or local.casefold() in _EXAMPLE_LOCAL:
        return None
    try:
        return validate_email(candidate, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


# Keys inside a contact block that hold its address.
_ADDRESS_KEYS = ("email", "e-mail", "mail", "email address", "address", "apply", "applications")


def address_in(value: Any) -> str | None:
    """The address in a contact field: text, a list, or a block such as
    `{name: ..., email: ...}` (JSON-LD `ContactPoint` too)."""
    if isinstance(value, str):
        return email_address(value)
    if isinstance(value, dict):
        keyed = {str(k).casefold().replace("_", " "): v for k, v in value.items()}
        preferred = [keyed[k] for k in _ADDRESS_KEYS if k in keyed]
        return next((a for a in map(address_in, [*preferred, *value.values()]) if a), None)
    if isinstance(value, list | tuple):
        return next((a for a in map(address_in, value) if a), None)
    return None


# A request for applications by e-mail, before the address in the same line or sentence.
_ASKS = re.compile(
    r"\b(?:apply|applications?|applicants?|cv|c\.v\.|resumes?|résumés?|cover\s+letter|portfolio"
    r"|(?:e-?mail|write\s+to|contact)\s+(?:me|us|the\s+team)|to\s+apply"
    r"|bewerb\w*|lebenslauf|unterlagen|anschreiben|candidatures?|postuler|cvs?)\b",
    re.I,
)
_LINE_END = re.compile(r"\n|(?<=[.!?])\s++(?=[A-ZÄÖÜ])")
_TAG = re.compile(r"<[^<>]*>")  # not `[^>]`: a run of `<` would be quadratic
_MAX_GAP = 160  # characters between the request and the address


def address_in_body(body: str) -> str | None:
    """The address of a body line that asks for applications by e-mail, else None.
    `body` is Markdown or HTML (tags are ignored)."""
    text = html.unescape(_TAG.sub("\n", body[:200_000]))
    start = 0
    for end_match in (*_LINE_END.finditer(text), None):
        end = end_match.start() if end_match else len(text)
        line, start = text[start:end], end_match.end() if end_match else end
        if "@" not in line:
            continue
        for address in _ADDRESS.finditer(line):
            if _ASKS.search(line, max(0, address.start() - _MAX_GAP), address.start()):
                found = email_address(address.group())
                if found:
                    return found
    return None
