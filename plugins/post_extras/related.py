"""Related posts by shared tags, without comparing every post with every other.

Counting shared tags post by post costs (posts x posts sharing a tag): with a tag on
thousands of posts that is quadratic. Instead, every post is filed under each
combination of its tags (2**k - 1 entries for k tags, newest post first). A post's best
matches then come from the lists of its own tag combinations, largest first: anything
filed under a combination of size s shares at least s tags with it, and the first few
entries of each list are the newest. The work per post depends on its own tags only.

Only a post's first MAX_TAGS tags (alphabetically by slug) take part, which keeps the
combinations bounded (255 for 8 tags).
"""

from collections import defaultdict
from itertools import combinations
from operator import attrgetter

MAX_TAGS = 8


def _tag_keys(article):
    return sorted({tag.slug for tag in getattr(article, "tags", None) or ()})[:MAX_TAGS]


def related_index(posts):
    """{tuple of tag slugs: [posts carrying all of them, newest first]}."""
    index = defaultdict(list)
    for post in sorted(posts, key=attrgetter("date"), reverse=True):
        keys = _tag_keys(post)
        for size in range(1, len(keys) + 1):
            for combo in combinations(keys, size):
                index[combo].append(post)
    return index


def related_posts(article, index, count):
    """Up to `count` posts sharing the most tags with `article`, newest first among equals."""
    keys = _tag_keys(article)
    chosen = []
    taken = {id(article)}
    for size in range(len(keys), 0, -1):
        need = count - len(chosen)
        if need <= 0:
            break
        # Everything sharing more than `size` tags was taken at an earlier level (or the
        # list is already full), so what is found here shares exactly `size` tags.
        level = {}
        for combo in combinations(keys, size):
            found = 0
            for other in index.get(combo, ()):
                if id(other) in taken or id(other) in level:
                    continue
                level[id(other)] = other
                found += 1
                if found == need:
                    break
        newest = sorted(level.values(), key=attrgetter("date"), reverse=True)[:need]
        chosen += newest
        taken.update(id(post) for post in newest)
    return chosen
