"""`srcset` and `sizes`, read the way the HTML standard tells browsers to read them.

`parse` follows "parse a srcset attribute" step by step, descriptor tokenizer included:
its "in parens" state ends at the FIRST ")" (parentheses do not nest), so
`/a.png 1x (( ), https://other.example/b.png 2x )` is two candidates to a browser, the
second one remote. A splitter that counted parentheses would see one. The guard judges
every address the splitting finds, whether or not its descriptors are valid: a superset
of what any browser may fetch.

`sizes` never fetches anything in a browser, but it is CSS: it may hold only media
conditions and lengths (allowlist of tokens, read with tinycss2), nothing that names a
file.
"""

import re

import tinycss2

_SPACE = " \t\n\r\f"  # ASCII whitespace
_INT = re.compile(r"[0-9]+\Z")
_FLOAT = re.compile(r"-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")


def parse(value):
    """[(url, descriptors, valid)] for every candidate the splitting finds, in order.
    `valid` is False where the standard drops the candidate (bad descriptors)."""
    out, pos, n = [], 0, len(value)
    while True:
        # Splitting loop: skip whitespace and commas.
        while pos < n and (value[pos] in _SPACE or value[pos] == ","):
            pos += 1
        if pos >= n:
            return out
        start = pos
        while pos < n and value[pos] not in _SPACE:
            pos += 1
        url = value[start:pos]
        descriptors = []
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            pos, descriptors = _descriptors(value, pos)
        out.append((url, descriptors, _valid(descriptors)))


def _descriptors(value, pos):
    """The descriptor tokenizer: (position after the candidate, descriptors)."""
    n = len(value)
    while pos < n and value[pos] in _SPACE:
        pos += 1
    found, current, state = [], "", "in descriptor"
    while True:
        c = value[pos] if pos < n else None
        if state == "in descriptor":
            if c is None:
                if current:
                    found.append(current)
                return pos, found
            if c in _SPACE:
                if current:
                    found.append(current)
                    current = ""
                    state = "after descriptor"
            elif c == ",":
                if current:
                    found.append(current)
                return pos + 1, found
            elif c == "(":
                current += c
                state = "in parens"
            else:
                current += c
        elif state == "in parens":
            if c is None:
                found.append(current)
                return pos, found
            current += c
            if c == ")":
                state = "in descriptor"
        else:  # after descriptor
            if c is None:
                return pos, found
            if c not in _SPACE:
                state = "in descriptor"
                continue  # reconsume this character
        pos += 1


def _valid(descriptors):
    """The descriptor parser: whether the candidate is kept."""
    width = density = height = None
    for d in descriptors:
        number, last = d[:-1], d[-1:]
        if last == "w" and width is None and density is None and _INT.match(number) \
                and int(number) > 0:
            width = int(number)
        elif last == "x" and width is None and density is None and height is None \
                and _FLOAT.match(number) and float(number) >= 0:
            density = float(number)
        elif last == "h" and height is None and density is None and _INT.match(number) \
                and int(number) > 0:
            height = int(number)
        else:
            return False
    return not (height is not None and width is None)


def urls(value):
    """Every address in a srcset, valid candidate or not."""
    return [url for url, _d, _ok in parse(value) if url]


# ---- sizes ------------------------------------------------------------------------

_SIZES_LITERALS = frozenset({",", ":", "<", ">", "=", "/", "+", "-", "*"})
_MATH = frozenset({"calc", "min", "max", "clamp"})


def sizes_problem(value):
    """Why a `sizes` value is refused, or None."""
    bad = _first_bad(tinycss2.parse_component_value_list(value))
    if bad is None:
        return None
    return (f"{bad} in sizes, which may hold only media conditions and lengths "
            "(such as (max-width: 40em) 100vw, 640px)")


def _first_bad(tokens):
    for t in tokens:
        kind = t.type
        if kind in ("whitespace", "comment", "ident", "dimension", "number", "percentage"):
            continue
        if kind == "literal" and t.value in _SIZES_LITERALS:
            continue
        if kind == "() block":
            inner = _first_bad(t.content)
        elif kind == "function" and t.lower_name in _MATH:
            inner = _first_bad(t.arguments)
        else:
            return tinycss2.serialize([t])[:60]
        if inner is not None:
            return inner
    return None
