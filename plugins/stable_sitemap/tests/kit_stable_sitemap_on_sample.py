"""stable_sitemap's stop, the way `make html` builds (tools.build): one plain message that
names the setting and the settings file, and no traceback. The plugin's own tests (in its
folder) prove the stop itself with plain Pelican, on any site."""

from conftest import assert_stopped, run_site
from tools.pelican_adapter import plugin_module
from tools.child_build import TOOLS_BUILD

make_site = plugin_module("stable_sitemap.tests.test_stable_sitemap").make_site


def test_a_wrong_sitemap_setting_is_one_plain_message_in_make_html(tmp_path):
    root = make_site(tmp_path / "site")
    conf = root / "conf.py"
    conf.write_text(conf.read_text() + 'SITEMAP = {"format": "txt"}\n')
    result = run_site(root, launcher=TOOLS_BUILD)
    assert_stopped(result, "SITEMAP", "pelicanconf.py")
    assert "Traceback" not in result.stdout + result.stderr
