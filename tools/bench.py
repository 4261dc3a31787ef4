"""Build-speed benchmark: how much do the project's theme and plugins cost?

    make bench                 # 2,000 synthetic posts (N=500 make bench for fewer)
    make bench-preview         # make devserver: from a save to its page on disk
    .venv/bin/python -m tools.bench --posts 2000 --runs 9
    .venv/bin/python -m tools.bench --scaling      # the full project at 500, 2000, 8000
    .venv/bin/python -m tools.bench --per-plugin   # sitemap plus each plugin alone

It writes N synthetic posts into a temporary folder (varied titles, categories, tags,
summaries, a few paragraphs each; some carry `Policies:` metadata or tags that trigger
POLICY_RULES) and builds them these ways, each build in a fresh Python process:

  full      the project: theme, pelicanconf.py, every plugin in its PLUGINS list, and the
            project's own pages and policies (so the policy plugin has its pages)
  sitemap   the same, with only the project's sitemap plugin (PLUGINS = ["stable_sitemap"])
  bare      Pelican's default theme, no plugins, the posts only
  -privacy_guard  the project without the guard: what every other plugin costs together
  full@rebuild, sitemap@rebuild  a preview's rebuild after one post was edited: the
            content cache and the guard's verdicts kept from the build before

Cold builds run with the content cache off and empty cache folders, and every build
writes into an empty folder, after one untimed warm-up build of each kind. The synthetic
site and its builds live on a RAM disk (/dev/shm) when there is one: on this machine's
disk, creating files costs seconds of system time that vary more than the plugins' whole
cost (see workspace_parent). It prints the median wall time of --runs builds of each,
their CPU time (user + system: steadier than wall time when other work shares the
machine), the ratios with the spread of the per-run ratios, milliseconds per post and
the peak memory (ru_maxrss) of the build process, and the user-time ratio alone. Then the
guard's ms/page on a cold build's pages beside its floor (Lexbor's parse plus one pass
over every tag and attribute), in this process, over at least 9 interleaved passes.
Targets: full / sitemap <= 1.15 in CPU time from cold; a rebuild <= 1.10 of sitemap's;
every plugin but the guard <= 1.03; the guard <= 1.5x its floor.

--preview 5 (make bench-preview) runs make devserver on the synthetic site instead and
times 5 saves of one post: seconds until its page is on disk (target 3), and until the
whole rebuild is done, each with the preview process's own CPU time over that span (on a
shared machine, wall time also counts the other work).

--photos 20 times the full project twice in one folder, with N posts of which every other
one shows one of 20 synthetic 4000x3000 phone-size photos: the first build with an empty
photo cache (every photo cleaned and sized, every share card made), the second unchanged
(nothing re-encoded). `make bench PHOTOS=20`.

--scaling times the full project (or --kinds full,sitemap,bare) at --sizes 500,2000,8000;
--per-plugin times sitemap plus each project plugin alone, to see which one costs what.
"""

import argparse
import contextlib
import json
import os
import random
import runpy
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from tools.child_build import pelican_build

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.15  # the whole project / sitemap-only, CPU time from cold
# The yardstick: Pelican with the theme and only the project's sitemap plugin.
SITEMAP_PLUGIN = "stable_sitemap"
# What the theme takes from the project's plugins, stood in for in builds without them
# (the sitemap-only yardstick): a plugin written into the workspace (make_workspace).
THEME_SHIM = "bench_theme_filters"
THEME_SHIM_SOURCE = '''\
"""Stand-ins for what the theme takes from the project's plugins, so that a build with
only some of them (the sitemap-only yardstick) renders the theme as plain Pelican would:
one language, the templates' own words (Jinja's null translations), dates in Pelican's
DEFAULT_DATE_FORMAT, lists joined with commas, no structured data for people. What a
loaded plugin installs is kept. Written by tools/bench.py; loaded only by its builds."""
from jinja2 import pass_context
from pelican import signals


def _stand_ins(generator):
    env, settings = generator.env, generator.settings
    lang = str(settings.get("DEFAULT_LANG") or "en")
    date_format = settings.get("DEFAULT_DATE_FORMAT") or "%Y-%m-%d"
    if "gettext" not in env.globals:  # the languages plugin installs its own
        if not hasattr(env, "install_null_translations"):
            env.add_extension("jinja2.ext.i18n")
        env.policies["ext.i18n.trimmed"] = True
        env.install_null_translations(newstyle=True)
    filters = {"local_date": lambda value, form="long": value.strftime(date_format),
               "local_list": lambda items: ", ".join(str(item) for item in items),
               "person_ld": lambda *args, **kwargs: {}}
    practice = settings.get("PRACTICE") or {}

    @pass_context
    def page_url(context):  # a one-language site: the page's own address
        obj = context.get("article") or context.get("page")
        return str(getattr(obj, "url", "") or context.get("output_file") or "")

    names = {"page_language": lambda: lang, "html_lang": lambda: lang,
             "og_locale": lambda: lang, "translated": lambda text, ctx="": str(text),
             "page_url": page_url, "x_default": page_url, "alternates": lambda: [],
             "language_links": lambda: [], "local_url": lambda path: str(path or ""),
             "language_posts": pass_context(lambda context: context.get("articles") or []),
             "practice_text": lambda name: str(practice.get(name, ""))}
    for name, value in filters.items():
        env.filters.setdefault(name, value)
    for name, value in names.items():
        env.globals.setdefault(name, value)


def register():
    signals.generator_init.connect(_stand_ins)
'''

# Runs Pelican in-process and reports the process's own peak memory afterwards.
WRAPPER = textwrap.dedent("""\
    import resource, sys
    from pelican import main
    try:
        main(sys.argv[1:])
    finally:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print("BENCH_USAGE", usage.ru_maxrss, usage.ru_utime + usage.ru_stime,
              usage.ru_utime, file=sys.stderr)
    """)

CATEGORIES = ["Anxiety", "Grief and loss", "Relationships", "Work and burnout",
              "Therapy basics", "Wellbeing", "Privacy and technology", "Parenting"]
TAGS = ["self-care", "sleep", "stress", "panic", "mindfulness", "boundaries", "family",
        "couples", "loss", "holidays", "work", "burnout", "getting-started", "quotes",
        "motivation", "confidentiality", "privacy", "apps", "journaling", "exercise",
        "nature", "seasons", "teens", "parenting", "change", "habits", "breathing",
        "worry", "rest", "community"]
# Tags that the project's POLICY_RULES turn into policy notices.
RULE_TAGS = ["telehealth", "online-therapy", "social-media", "email"]
POLICY_KEYS = ["online-therapy", "electronic-communication", "social-media"]
WORDS = ("calm steady breath notice small step morning evening worry kind gentle body "
         "mind feeling thought habit rest change hope honest support courage practice "
         "patient moment week season friend family work sleep walk listen write name "
         "pause return space settle ground slow clear simple care balance together").split()
OPENERS = ["How to", "Why", "A gentle guide to", "Notes on", "What to know about",
           "Five ideas for", "When", "Finding", "Making room for", "Questions about"]
SUBJECTS = ["sleepless nights", "a racing mind", "grief at the holidays", "saying no",
            "starting therapy", "burnout at work", "a new season", "anxious mornings",
            "family visits", "quiet evenings", "hard conversations", "small habits"]
QUOTE_MARKS = ['"', "&", "'", "#", ":", "?", "!"]


def sentence(rng, low=8, high=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def make_post(rng, i, categories):
    title = f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS)} {rng.choice(QUOTE_MARKS)} {i}"
    tags = rng.sample(TAGS, rng.randint(1, 4))
    if rng.random() < 0.08:
        tags.append(rng.choice(RULE_TAGS))
    meta = [
        f"Title: {title}",
        f"Date: {2014 + i % 12}-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}",
        f"Category: {rng.choice(categories)}",
        f"Tags: {', '.join(tags)}",
        f"Slug: bench-post-{i:05d}",
        f"Summary: {sentence(rng, 12, 24)}",
    ]
    if rng.random() < 0.05:
        meta.append(f"Policies: {rng.choice(POLICY_KEYS)}")
    body = [paragraph(rng)]
    for _ in range(rng.randint(2, 4)):
        if rng.random() < 0.4:
            body.append(f"## {sentence(rng, 3, 6).rstrip('.')}")
        if rng.random() < 0.3:
            body.append("\n".join(f"- {sentence(rng, 4, 9)}" for _ in range(3)))
        body.append(paragraph(rng))
    if rng.random() < 0.3:
        body.append(f"*{sentence(rng)}* Read more on the [blog](../../blog/).")
    return "\n".join(meta) + "\n\n" + "\n\n".join(body) + "\n"


def project_settings():
    return runpy.run_path(str(ROOT / "pelicanconf.py"))


def write_posts(folder, count, seed=2026):
    # A project that limits its categories (ALLOWED_CATEGORIES) gets posts in those.
    categories = list(project_settings().get("ALLOWED_CATEGORIES") or CATEGORIES)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"bench-post-{i:05d}.md").write_text(make_post(rng, i, categories),
                                                       encoding="utf-8")


def make_workspace(base, posts):
    """content-project/ (posts + the project's pages, policies, extra) and content-bare/."""
    base = Path(base)
    project = base / "content-project"
    write_posts(project / "posts", posts)
    # The pages, policies and files of the site the settings build (content/ after make
    # setup, sample/content/ before), so the policy plugin has its pages.
    # Only the site's languages: the yardsticks run without the languages plugin, which
    # is what leaves another language's translations (home.fr.md) out of a build.
    settings = project_settings()
    source = Path(settings["PATH"])
    others = [f"*.{code}.md" for code in settings.get("LOCALES") or ()
              if code not in (settings.get("LANGUAGES") or ())]
    for name in ("pages", "policies", "extra", "images"):
        if (source / name).is_dir():
            shutil.copytree(source / name, project / name,
                            ignore=shutil.ignore_patterns(*others))
    bare = base / "content-bare"
    shutil.copytree(project / "posts", bare / "posts")
    shim = base / "bench-plugins" / THEME_SHIM
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text(THEME_SHIM_SOURCE, encoding="utf-8")
    pagination = project_settings().get("DEFAULT_PAGINATION", 6)
    (base / "bare.py").write_text(textwrap.dedent(f"""\
        # Bare Pelican: default theme, no plugins; feeds off and the same pagination as
        # the project's preview build, so the pages written are of the same kinds.
        SITENAME = "Bench"
        SITEURL = ""
        TIMEZONE = "UTC"
        DEFAULT_LANG = "en"
        PLUGINS = []
        DEFAULT_PAGINATION = {pagination!r}
        FEED_ALL_ATOM = None
        CATEGORY_FEED_ATOM = None
        TRANSLATION_FEED_ATOM = None
        AUTHOR_FEED_ATOM = None
        AUTHOR_FEED_RSS = None
        """), encoding="utf-8")
    return base


def workspace_parent():
    """Where the synthetic site and its builds go: a RAM disk when there is one.

    On this kind of virtual machine, creating thousands of files and folders on the disk
    costs several seconds of system time per build, and that time varies more from build
    to build than the plugins' whole cost, which drowns the figure. In RAM the builds
    measure their own work. Every kind of build writes to the same place, so the
    comparison stays fair either way.
    """
    shm = Path("/dev/shm")
    try:
        usage = shutil.disk_usage(shm)
    except OSError:
        return None
    return str(shm) if usage.free > 2 * 1024 ** 3 and os.access(shm, os.W_OK) else None


def build_args(kind, base):
    """pelican_build()'s arguments for one kind of build: full, sitemap, bare, +PLUGIN
    (sitemap and that plugin), -PLUGIN (the project without that plugin), or one of
    those with "@rebuild" (a preview's rebuild: the content cache and the guard's
    verdicts kept from the build before, see rebuild_runs)."""
    base = Path(base)
    kind, _, mode = kind.partition("@")
    # Each kind has its own cache folder (Pelican's content cache, the guard's verdicts):
    # emptied before every cold build, kept between rebuilds.
    # (cache_key makes CACHE_PATH a sibling folder with a key: hence one parent each.)
    cache = base / ("cache-rebuild" if mode else "cache-cold") / kind / "pelican"
    settings = {"CACHE_CONTENT": bool(mode), "LOAD_CONTENT_CACHE": bool(mode),
                "DELETE_OUTPUT_DIRECTORY": False, "CACHE_PATH": str(cache)}
    if kind == "bare":
        return {"content": base / "content-bare", "conf": base / "bare.py",
                "settings": settings}
    # The theme uses a filter of the practice plugin: builds without it get a stand-in
    # (make_workspace), which costs nothing measurable.
    plugin_paths = [str(ROOT / "plugins"), str(base / "bench-plugins")]
    if kind == "sitemap":
        settings["PLUGINS"] = [SITEMAP_PLUGIN, THEME_SHIM]
        settings["PLUGIN_PATHS"] = plugin_paths
    elif kind.startswith("+"):  # sitemap and one of the project's plugins
        settings["PLUGINS"] = [SITEMAP_PLUGIN, kind[1:], THEME_SHIM]
        settings["PLUGIN_PATHS"] = plugin_paths
    elif kind.startswith("-"):  # the project without one plugin
        settings["PLUGINS"] = [p for p in project_plugins() if p != kind[1:]]
    # Share cards and cleaned photos are cached next to the builds (made once, in the
    # warm-up), so output/ gets hard links, as in a real build, not copies across disks.
    settings["PHOTOS_CACHE_PATH"] = str(base / "photo-cache")
    return {"content": base / "content-project", "conf": ROOT / "pelicanconf.py",
            "settings": settings}


def usage_of(result):
    """(CPU seconds, user CPU seconds, peak MB) that WRAPPER printed for one build."""
    fields = next((line.split()[1:] for line in result.stderr.splitlines()
                   if line.startswith("BENCH_USAGE")), ["0", "0", "0"])
    return float(fields[1]), float(fields[2]), int(fields[0]) / 1024


EDITED_POST = 11  # the post a rebuild's "save" edits (bench-post-00011.md)


def edit_post(base, token):
    """Change one post's text as a save in the editor would (a new paragraph, a newer
    modification time)."""
    path = Path(base) / "content-project" / "posts" / f"bench-post-{EDITED_POST:05d}.md"
    text = path.read_text(encoding="utf-8").split("\n\nEdited: ")[0]
    path.write_text(f"{text}\n\nEdited: {token}.\n", encoding="utf-8")
    return path


def run_build(kind, base):
    """(wall seconds, CPU seconds, user CPU seconds, peak MB, HTML pages) of one build
    in a fresh process. A cold build starts with empty caches; a rebuild ("@rebuild")
    keeps them and follows an edit of one post."""
    output = Path(base) / "out"
    shutil.rmtree(output, ignore_errors=True)
    if "@" in kind:
        run_build.edits = getattr(run_build, "edits", 0) + 1
        edit_post(base, f"save {run_build.edits}")
    else:
        shutil.rmtree(Path(base) / "cache-cold", ignore_errors=True)
    start = time.perf_counter()
    result = pelican_build(output, **build_args(kind, base), cwd=ROOT,
                           launcher=(sys.executable, "-c", WRAPPER))
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"The {kind} build failed ({result.returncode}):\n{result.stdout}\n"
                 f"{result.stderr}")
    cpu, user, rss = usage_of(result)
    pages = sum(1 for _ in output.rglob("*.html"))
    return wall, cpu, user, rss, pages


@contextlib.contextmanager
def workspace(posts, keep, prefix, parent=None):
    """A temporary folder holding a synthetic site of `posts` posts, deleted afterwards
    unless `keep` (--keep, to look at what was built)."""
    base = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    print(f"Workspace: {base}", file=sys.stderr)
    try:
        make_workspace(base, posts)
        yield base
    finally:
        if keep:
            print(f"kept {base}", file=sys.stderr)
        else:
            shutil.rmtree(base, ignore_errors=True)


def measure(kinds, posts, runs, keep=False, after=None):
    """{kind: {"wall": [...], "cpu": [...], "user": [...], "rss": peak MB, "pages": n}}.
    `after(base, results)`, when given, runs before the workspace is removed."""
    with workspace(posts, keep, "pelican-bench-", workspace_parent()) as base:
        results = {k: {"wall": [], "cpu": [], "user": [], "rss": 0.0, "pages": 0}
                   for k in kinds}
        for k in kinds:  # one warm-up build each: imports, disk caches
            run_build(k, base)
        for run in range(runs):
            for k in kinds:  # interleaved, so drift on a busy machine hits all alike
                wall, cpu, user, rss, pages = run_build(k, base)
                r = results[k]
                r["wall"].append(wall)
                r["cpu"].append(cpu)
                r["user"].append(user)
                r["rss"] = max(r["rss"], rss)
                r["pages"] = pages
                print(f"  {posts} posts, run {run + 1}/{runs}: {k:<18} {wall:7.2f} s wall "
                      f"{cpu:7.2f} s CPU", file=sys.stderr)
        for r in results.values():
            r["wall_median"] = statistics.median(r["wall"])
            r["cpu_median"] = statistics.median(r["cpu"])
            r["user_median"] = statistics.median(r["user"])
        if after is not None:
            after(base, results)
        return results


def project_plugins():
    return list(project_settings().get("PLUGINS", []))


def table(results, posts, kinds):
    print(f"{'build':<20}{'wall s':>8}{'min':>8}{'max':>8}{'CPU s':>8}{'ms/post':>9}"
          f"{'peak MB':>9}{'pages':>7}")
    for k in kinds:
        r = results[k]
        if not isinstance(r, dict):
            continue
        print(f"{k:<20}{r['wall_median']:>8.2f}{min(r['wall']):>8.2f}{max(r['wall']):>8.2f}"
              f"{r['cpu_median']:>8.2f}{1000 * r['wall_median'] / posts:>9.2f}"
              f"{r['rss']:>9.0f}{r['pages']:>7}")


# ---- the privacy guard beside its floor ---------------------------------------------------

GUARD = "privacy_guard"
GUARD_TARGET = 1.5     # the guard's ms/page at most this times the floor's
REBUILD_TARGET = 1.10  # a preview rebuild after one edit / the same for sitemap-only
OTHERS_TARGET = 1.03   # every other plugin together, over sitemap-only


def built_pages(output):
    return [(p.relative_to(output).as_posix(), p.read_bytes())
            for p in sorted(Path(output).rglob("*.html"))]


def floor_pass(pages):
    """The floor: Lexbor's parse and one pass over every tag and attribute."""
    from selectolax.lexbor import LexborHTMLParser
    for _rel, data in pages:
        for node in LexborHTMLParser(data).root.traverse(include_text=False):
            _tag = node.tag
            for _name, _value in node.attributes.items():
                pass


def guard_pass(pages, auditor):
    """The guard's judgement of every page, as a cold build makes it (no verdict cache)."""
    for rel, data in pages:
        if auditor.html(data, rel):
            sys.exit(f"The guard refused {rel} of the synthetic site.")


def guard_cost(output, passes):
    """The guard's and the floor's ms/page over the built pages, in this process: each
    pass times both over every page, in chunks of 50 pages that alternate which goes
    first, so the machine's drift hits both alike. Returns per-pass lists."""
    from tools.pelican_adapter import plugin_module
    audit = plugin_module("privacy_guard.audit")  # the guard itself (tools may import plugins)

    settings = project_settings()
    policy = audit.AuditRules(settings.get("SITEURL", ""), audit.parse_allowed_origins(
        settings.get("PRIVACY_ALLOWED_ORIGINS"))[0], settings.get("THEME_STATIC_DIR", "theme"))
    auditor = audit.Auditor(policy)
    pages = built_pages(output)
    guard_pass(pages, auditor)  # warm-up
    clock = time.process_time
    out = {"floor": [], "guard": [], "pages": len(pages)}
    for _ in range(passes):
        spent = {"floor": 0.0, "guard": 0.0}
        for n, start in enumerate(range(0, len(pages), 50)):
            chunk = pages[start:start + 50]
            order = ("floor", "guard") if n % 2 else ("guard", "floor")
            for which in order:
                t = clock()
                floor_pass(chunk) if which == "floor" else guard_pass(chunk, auditor)
                spent[which] += clock() - t
        for which in ("floor", "guard"):
            out[which].append(1000 * spent[which] / len(pages))
    return out


def spread(values):
    values = sorted(values)
    return f"median {statistics.median(values):.3f}, range {values[0]:.3f}-{values[-1]:.3f}"


def compare(posts, runs, keep):
    kinds = ["full", "sitemap", "bare", f"-{GUARD}", "full@rebuild", "sitemap@rebuild"]
    print(f"Building {posts} synthetic posts {len(kinds)} ways, {runs} runs each "
          f"(after one warm-up)...", file=sys.stderr)
    costs = {}

    def after(base, results):
        run_build("full", base)  # a cold build's pages, for the guard and the floor
        print("Timing the guard beside the floor on its pages...", file=sys.stderr)
        costs.update(guard_cost(Path(base) / "out", max(runs, 9)))

    res = measure(kinds, posts, runs, keep, after)
    print(f"\nPelican build benchmark: {posts} posts, median of {runs} builds each")
    print(f"full = the project's PLUGINS: {', '.join(project_plugins())}")
    print("wall: elapsed time of the build process; CPU: its user+system time (steadier "
          "when the machine is busy)\n")
    table(res, posts, kinds)
    ratio = {m: res["full"][f"{m}_median"] / res["sitemap"][f"{m}_median"]
             for m in ("wall", "cpu")}
    print(f"\nfull / sitemap-only: {ratio['wall']:.3f} wall, {ratio['cpu']:.3f} CPU "
          f"(target <= {TARGET:.2f}, judged on CPU time)")
    # Each run builds full and sitemap back to back, so the ratio within a run cancels
    # most of the machine's drift; its spread says how far one figure can be trusted.
    paired = sorted(f / s for f, s in zip(res["full"]["cpu"], res["sitemap"]["cpu"]))
    quart = statistics.quantiles(paired, n=4) if len(paired) > 1 else paired * 3
    print(f"per-run CPU ratios ({len(paired)} interleaved runs): median "
          f"{statistics.median(paired):.3f}, quartiles {quart[0]:.3f}-{quart[2]:.3f}, "
          f"range {paired[0]:.3f}-{paired[-1]:.3f}")
    res["paired_cpu_ratios"] = paired
    # CPU time is user time (Python running) plus system time (the kernel creating files
    # and folders, the same for every kind of build). On a machine whose disk makes file
    # creation slow, system time dilutes the plugins' share: user time alone shows it.
    user = res["full"]["user_median"] / res["sitemap"]["user_median"]
    system = [res[k]["cpu_median"] - res[k]["user_median"] for k in ("full", "sitemap")]
    print(f"of which user time: full / sitemap-only {user:.3f} "
          f"({res['full']['user_median']:.2f} s / {res['sitemap']['user_median']:.2f} s); "
          f"system time {system[0]:.2f} s / {system[1]:.2f} s")
    print(f"full / bare Pelican: "
          f"{res['full']['wall_median'] / res['bare']['wall_median']:.3f} wall, "
          f"{res['full']['cpu_median'] / res['bare']['cpu_median']:.3f} CPU")
    def verdict(r):
        return f"{100 * (r - 1):+.1f}% ({'within' if r <= TARGET else 'OVER'} budget)"
    print(f"Plugins' cost over sitemap-only (budget +{100 * (TARGET - 1):.0f}% CPU): "
          f"wall {verdict(ratio['wall'])}, CPU {verdict(ratio['cpu'])}")
    print(f"\nThe privacy guard on {costs['pages']} pages, in-process, "
          f"{len(costs['guard'])} interleaved passes (CPU ms/page):")
    ratios = [g / f for g, f in zip(costs["guard"], costs["floor"])]
    print(f"  guard {spread(costs['guard'])}; floor (Lexbor parse and one pass over every "
          f"tag and attribute) {spread(costs['floor'])}")
    print(f"  guard / floor: {spread(ratios)} (target <= {GUARD_TARGET:.2f})")
    res["guard_cost"] = {**costs, "ratios": ratios}
    for name, (num, den, target) in {
            "preview rebuild after editing one post, full / sitemap-only":
                ("full@rebuild", "sitemap@rebuild", REBUILD_TARGET),
            "every plugin but the guard / sitemap-only (cold)":
                (f"-{GUARD}", "sitemap", OTHERS_TARGET)}.items():
        paired = [a / b for a, b in zip(res[num]["cpu"], res[den]["cpu"])]
        print(f"{name}: CPU {res[num]['cpu_median'] / res[den]['cpu_median']:.3f} "
              f"(per-run {spread(paired)}; target <= {target:.2f})")
    if max(res[k]["wall_median"] / res[k]["cpu_median"] for k in kinds) > 1.3:
        print("Note: wall time is well above CPU time, so the machine was busy with other "
              "work; trust the CPU figures, or run again on a quiet machine.")
    return res


def per_plugin(posts, runs, keep):
    """Each project plugin alone next to sitemap: what each one adds."""
    names = [p for p in project_plugins() if p != SITEMAP_PLUGIN]
    kinds = ["sitemap"] + [f"+{n}" for n in names] + ["full"]
    print(f"Building {posts} posts with sitemap plus each plugin alone, {runs} runs each...",
          file=sys.stderr)
    res = measure(kinds, posts, runs, keep)
    base = res["sitemap"]
    print(f"\nWhat each plugin adds to a sitemap-only build: {posts} posts, "
          f"median of {runs}\n")
    table(res, posts, kinds)
    print(f"\n{'plugin':<20}{'+wall s':>9}{'+wall %':>9}{'+CPU s':>9}{'+CPU %':>9}")
    for k in kinds[1:]:
        dw = res[k]["wall_median"] - base["wall_median"]
        dc = res[k]["cpu_median"] - base["cpu_median"]
        print(f"{k:<20}{dw:>9.2f}{100 * dw / base['wall_median']:>8.1f}%"
              f"{dc:>9.2f}{100 * dc / base['cpu_median']:>8.1f}%")
    return res


def scaling(sizes, runs, keep, kinds=("full",)):
    print(f"{', '.join(kinds)} at {', '.join(map(str, sizes))} posts, {runs} runs each...",
          file=sys.stderr)
    rows = []
    for n in sizes:
        res = measure(list(kinds), n, runs, keep)
        for k in kinds:
            r = res[k]
            rows.append({"kind": k, "posts": n, "wall": r["wall_median"],
                         "cpu": r["cpu_median"], "rss": r["rss"], "pages": r["pages"]})
    print(f"\nPer-post build time (median of {runs} builds each)")
    print(f"full = the project's PLUGINS: {', '.join(project_plugins())}\n")
    print(f"{'build':<9}{'posts':>7}{'wall s':>9}{'CPU s':>9}{'ms/post':>9}"
          f"{'CPU ms/post':>13}{'marginal ms/post':>18}{'peak MB':>9}{'pages':>7}")
    for k in kinds:
        mine = [row for row in rows if row["kind"] == k]
        previous = None
        for row in mine:
            n, wall = row["posts"], row["wall"]
            marginal = "" if previous is None else \
                f"{1000 * (wall - previous['wall']) / (n - previous['posts']):.2f}"
            print(f"{k:<9}{n:>7}{wall:>9.2f}{row['cpu']:>9.2f}{1000 * wall / n:>9.2f}"
                  f"{1000 * row['cpu'] / n:>13.2f}{marginal:>18}{row['rss']:>9.0f}"
                  f"{row['pages']:>7}")
            previous = row
        first, last = mine[0], mine[-1]
        growth = (last["wall"] / last["posts"]) / (first["wall"] / first["posts"])
        print(f"{k}: ms/post at {last['posts']} posts / at {first['posts']}: x{growth:.2f}\n")
    print("Flat is about x1. The fixed start-up cost makes small sites look slower per "
          "post; the marginal column (extra ms per extra post) is the fairer measure.")
    return rows


def write_photos(folder, count, seed=20):
    """`count` busy 4000x3000 JPEGs (about 2 MB each, like a phone's), made here."""
    from PIL import Image, ImageDraw, ImageFilter
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for n in range(count):
        im = Image.new("RGB", (4000, 3000), (rng.randint(60, 200), 140, 170))
        draw = ImageDraw.Draw(im)
        for _ in range(1500):
            x, y, r = rng.randrange(4000), rng.randrange(3000), rng.randint(8, 160)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(
                rng.randint(40, 230), rng.randint(60, 220), rng.randint(40, 200)))
        im = Image.blend(im.filter(ImageFilter.GaussianBlur(2)),
                         Image.effect_noise(im.size, 24).convert("RGB"), 0.12)
        names.append(f"bench-photo-{n:02d}.jpg")
        im.save(folder / names[-1], quality=90)
    return names


def photo_builds(posts, photos, keep):
    """Wall and CPU time of a first build (empty photo cache) and a second, unchanged one."""
    with workspace(posts, keep, "pelican-bench-photos-") as base:
        project = base / "content-project"
        print(f"  making {photos} photos...", file=sys.stderr)
        names = write_photos(project / "images", photos)
        for i, path in enumerate(sorted((project / "posts").glob("bench-post-*.md"))):
            if i % 2 == 0:
                with path.open("a", encoding="utf-8") as fh:
                    fh.write(f"\n![A test photo]({{static}}/images/{names[i // 2 % photos]})\n")
        output = base / "out"
        args = build_args("full", base)  # its photo cache starts empty, in `base`
        rows = []
        for label in ("first build (empty photo cache)", "second build (nothing changed)"):
            start = time.perf_counter()
            result = pelican_build(output, **args, cwd=ROOT, env={"COLUMNS": "400"},
                                   launcher=(sys.executable, "-c", WRAPPER),
                                   extra_args=["-v"])
            wall = time.perf_counter() - start
            if result.returncode != 0:
                sys.exit(f"The {label} failed:\n{result.stdout}\n{result.stderr}")
            cpu = usage_of(result)[0]
            log = " ".join((result.stdout + result.stderr).split())
            start_at = log.find("photos: ")
            summary = log[start_at:log.find("written", start_at) + 7] if start_at >= 0 else "?"
            rows.append({"build": label, "wall": wall, "cpu": cpu, "photos": summary})
            print(f"{label:<34}{wall:>8.2f} s wall{cpu:>8.2f} s CPU   {summary}")
        return rows


def preview_saves(posts, saves, keep):
    """`make devserver` on the synthetic site: after its first build, `saves` times one
    post is saved and the time until its page holds the new text on disk is measured,
    and the time until the whole rebuild is done. Returns both lists (seconds)."""
    import queue
    import signal
    import subprocess
    import threading

    base = Path(tempfile.mkdtemp(prefix="pelican-bench-preview-", dir=workspace_parent()))
    print(f"Workspace: {base}", file=sys.stderr)
    make_workspace(base, posts)
    output = base / "out"
    settings = {"CACHE_PATH": str(base / "cache" / "pelican"),
                "PHOTOS_CACHE_PATH": str(base / "photo-cache")}
    # Port 0: the system picks a free one (make devserver's own server, its own build).
    cmd = [sys.executable, "-m", "tools.build", "-lr", str(base / "content-project"),
           "-o", str(output), "-s", str(ROOT / "pelicanconf.py"), "-p", "0",
           "-b", "127.0.0.1", "-e", *(f"{k}={json.dumps(v)}" for k, v in settings.items())]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()

    def until_waiting(timeout=1800):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if proc.poll() is not None:
                    break
                continue
            if line.startswith("Waiting for you to fix"):
                sys.exit(f"The preview's build failed:\n{line}")
            if line.startswith("Waiting for changes"):
                return time.perf_counter()
        sys.exit("The preview did not finish its build.")

    to_page, to_site, same, cpu_page, cpu_site = [], [], [], [], []
    try:
        print("  the preview's first build...", file=sys.stderr)
        until_waiting()
        for n in range(saves):
            time.sleep(1.5)  # the watcher starts after the "Waiting" line
            number = (EDITED_POST + 397 * n) % posts
            page = output / "blog" / f"bench-post-{number:05d}" / "index.html"
            token = f"Preview save {n} {time.time_ns()}"
            path = base / "content-project" / "posts" / f"bench-post-{number:05d}.md"
            path.write_text(path.read_text(encoding="utf-8") + f"\n\n{token}.\n",
                            encoding="utf-8")
            saved, cpu_saved = time.perf_counter(), process_cpu(proc.pid)
            first = b""
            while token.encode() not in first:
                if time.perf_counter() - saved > 600 or proc.poll() is not None:
                    sys.exit("The saved post's page never reached the disk.")
                time.sleep(0.01)
                first = page.read_bytes() if page.exists() else b""
            to_page.append(time.perf_counter() - saved)
            cpu_page.append(process_cpu(proc.pid) - cpu_saved)
            to_site.append(until_waiting() - saved)
            cpu_site.append(process_cpu(proc.pid) - cpu_saved)
            # The page shown first must be the very page the whole rebuild wrote.
            same.append(page.read_bytes() == first)
            print(f"  save {n + 1}/{saves}: its page on disk after {to_page[-1]:.2f} s "
                  f"({cpu_page[-1]:.2f} s CPU), the whole site after {to_site[-1]:.2f} s "
                  f"({cpu_site[-1]:.2f} s CPU)", file=sys.stderr)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        if keep:
            print(f"kept {base}", file=sys.stderr)
        else:
            shutil.rmtree(base, ignore_errors=True)
    print(f"\nmake devserver on {posts} synthetic posts, {saves} saves of one post each:")
    print(f"  the saved post's page on disk: {spread(to_page)} s (target <= 3 s)")
    print(f"  the whole rebuild done:        {spread(to_site)} s")
    # On a machine shared with other work, wall time measures the others too: the
    # preview's own CPU time over the same spans says what the preview itself spent.
    print(f"  the preview's CPU time (user+system) until the page: {spread(cpu_page)} s; "
          f"until the whole rebuild: {spread(cpu_site)} s")
    print(f"  the page shown first was the rebuild's own, byte for byte: "
          f"{sum(same)} of {len(same)}")
    return {"to_page": to_page, "to_site": to_site, "same": same,
            "cpu_to_page": cpu_page, "cpu_to_site": cpu_site}


def process_cpu(pid):
    """User+system CPU seconds a running process has used so far (Linux's /proc), or 0
    where there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rpartition(")")[2].split()
    except OSError:
        return 0.0
    # After the command's name: state is field 3, utime and stime fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=2000, help="synthetic posts (2000)")
    parser.add_argument("--runs", type=int, default=9,
                        help="timed builds of each kind, interleaved (9)")
    parser.add_argument("--scaling", action="store_true",
                        help="time the full project at 500, 2000 and 8000 posts instead")
    parser.add_argument("--sizes", default="500,2000,8000",
                        help="post counts for --scaling (500,2000,8000)")
    parser.add_argument("--kinds", default="full",
                        help="builds for --scaling, from full,sitemap,bare (full)")
    parser.add_argument("--per-plugin", action="store_true",
                        help="time sitemap plus each project plugin alone instead")
    parser.add_argument("--photos", type=int, default=0,
                        help="time a first and a second build with this many photos instead")
    parser.add_argument("--preview", type=int, default=0, metavar="SAVES",
                        help="time make devserver instead: SAVES saves of one post, each "
                             "until its page is on disk (make bench-preview: 5)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.scaling:
        data = {"scaling": scaling([int(s) for s in args.sizes.split(",")], args.runs,
                                   args.keep, args.kinds.split(","))}
    elif args.preview:
        data = {"posts": args.posts, "preview": preview_saves(args.posts, args.preview,
                                                              args.keep)}
    elif args.photos:
        data = {"posts": args.posts, "photos": args.photos,
                "builds": photo_builds(args.posts, args.photos, args.keep)}
    elif args.per_plugin:
        data = {"posts": args.posts, "builds": per_plugin(args.posts, args.runs, args.keep)}
    else:
        data = {"posts": args.posts, "plugins": project_plugins(),
                "builds": compare(args.posts, args.runs, args.keep)}
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
