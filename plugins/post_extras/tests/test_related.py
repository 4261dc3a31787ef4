"""Related posts: the plugin's ranking rule on its own, against a plain count."""

import datetime
import random
from types import SimpleNamespace

from ..related import related_index, related_posts


def test_related_ranking_equals_a_plain_count_of_shared_tags():
    """The combination index must pick exactly what counting every pair would pick."""
    rng = random.Random(7)
    tags = [f"tag{i}" for i in range(12)]
    start = datetime.datetime(2024, 1, 1)
    posts = [SimpleNamespace(date=start + datetime.timedelta(hours=i),
                             tags=[SimpleNamespace(slug=t)
                                   for t in rng.sample(tags, rng.randint(0, 5))])
             for i in range(300)]

    def by_counting(post):
        mine = {t.slug for t in post.tags}
        scored = [(len(mine & {t.slug for t in other.tags}), other.date, other)
                  for other in posts if other is not post]
        scored = [s for s in scored if s[0] > 0]
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        return [s[2] for s in scored[:3]]

    index = related_index(posts)
    assert any(len(by_counting(p)) == 3 for p in posts)
    for post in posts:
        assert related_posts(post, index, 3) == by_counting(post)
