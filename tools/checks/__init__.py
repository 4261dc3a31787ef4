"""The pre-publish checks behind `make check` and `make publish`.

One production build, in this process (project.py): the privacy audit and the
confidentiality scan run in it, as plugins, and hand their findings and every parsed page
over through blinker signals; the site checks read those pages (site.py); the sample check
reads the content (sample.py). Findings are the plugin contract's dicts.
"""

from .project import Project  # noqa: F401
from .run import build_and_check, check_folder, format_report  # noqa: F401
