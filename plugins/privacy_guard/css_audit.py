"""Stylesheets, read with a CSS tokenizer (tinycss2): every address a stylesheet can load
(`url()`, `src()`, `@import`, the strings of `image-set()`) must be the site's own, and
only at-rules known to be harmless are kept.

The tokenizer undoes CSS escapes (`u\\72l(`), comments and odd spacing the way a browser
does, so the judgement is made on what the browser will actually load.
"""

import tinycss2

# At-rules a stylesheet may use. Others (unknown or vendor ones) are refused: a browser
# that knows one could give it a meaning we never checked.
_AT_RULES = frozenset({"media", "supports", "font-face", "keyframes", "-webkit-keyframes",
                       "layer", "container", "page", "import", "charset", "property",
                       "scope", "starting-style", "font-feature-values",
                       "counter-style"})
# Functions whose string arguments are addresses.
_URL_FUNCTIONS = frozenset({"url", "src"})
_IMAGE_SET = frozenset({"image-set", "-webkit-image-set"})
# Functions that reach for resources in ways no stylesheet of this site needs.
_REFUSED_FUNCTIONS = frozenset({"image", "cross-fade", "-webkit-cross-fade", "element",
                                "-moz-element", "paint"})


def urls_in(tokens):
    """Every (token, address) in a list of component values, nested blocks included."""
    for token in tokens:
        kind = token.type
        if kind == "url":
            yield token, token.value
        elif kind == "function":
            name = token.lower_name
            if name in _URL_FUNCTIONS or name in _IMAGE_SET:
                for arg in token.arguments:
                    if arg.type == "string":
                        yield token, arg.value
            if name in _REFUSED_FUNCTIONS:
                yield token, f"{name}()"
            yield from urls_in(token.arguments)
        elif kind in ("() block", "[] block", "{} block"):
            yield from urls_in(token.content)


def audit_stylesheet(text, judge):
    """(line, problem) for each address in the stylesheet that `judge(url)` refuses
    (judge returns a problem or None), and for each unknown at-rule."""
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    yield from _audit_rules(rules, judge)


def _audit_rules(rules, judge):
    for rule in rules:
        if rule.type == "error":
            yield rule.source_line, f"CSS the browser cannot read ({rule.message})"
        elif rule.type == "at-rule":
            name = rule.lower_at_keyword
            if name not in _AT_RULES:
                yield rule.source_line, f"the at-rule @{name}, which this site does not use"
                continue
            if name == "import":
                for tok in rule.prelude:
                    if tok.type == "string":
                        yield from _judge(tok, tok.value, judge, "@import loads")
            yield from _judge_tokens(rule.prelude, judge)
            if rule.content is not None:
                if name in ("font-face", "page", "property", "counter-style",
                            "font-feature-values"):
                    yield from _judge_tokens(rule.content, judge)
                else:
                    yield from _audit_rules(tinycss2.parse_blocks_contents(
                        rule.content, skip_comments=True, skip_whitespace=True), judge)
        elif rule.type == "qualified-rule":
            yield from _judge_tokens(rule.prelude, judge)
            yield from _judge_tokens(rule.content, judge)
        elif rule.type == "declaration":
            yield from _judge_tokens(rule.value, judge)


def _judge_tokens(tokens, judge):
    for token, url in urls_in(tokens):
        yield from _judge(token, url, judge, "loads")


def _judge(token, url, judge, verb):
    if url.endswith("()") and "(" not in url[:-2] and token.type == "function" \
            and token.lower_name in _REFUSED_FUNCTIONS:
        yield token.source_line, f"the CSS function {url}, which this site does not use"
        return
    problem = judge(url)
    if problem:
        yield token.source_line, f"CSS {verb} {url!r}: {problem}"


def declarations_urls(text):
    """Addresses in an attribute value read as CSS (SVG's fill="url(#g)")."""
    return [url for _token, url in urls_in(tinycss2.parse_component_value_list(text))]


def stylesheet_urls(text):
    """(line, address) of every address a stylesheet names (url(), src(), image-set()
    and @import), read as the audit reads them: for make check's link check."""
    tokens = tinycss2.parse_component_value_list(text, skip_comments=True)
    found = [(token.source_line, url) for token, url in urls_in(tokens)
             if not (token.type == "function" and url == f"{token.lower_name}()")]
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            found += [(t.source_line, t.value) for t in rule.prelude if t.type == "string"]
    return sorted(found)
