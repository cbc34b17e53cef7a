"""mkdocs-gen-files script: one release's generated pages into the build.

TRADESITE_RELEASE picks the release (default: the newest of the site); in a versioned build
TRADESITE_SITE_RELEASES names the site's releases. The nav is set here from the chapters the
release has, in the report's order, so a release's navigation lists only its own chapters.
"""

import os

import mkdocs_gen_files

from tradesite.site.pages import build_site

site = build_site(os.environ.get("TRADESITE_RELEASE") or None)
for path, content in site.files.items():
    with mkdocs_gen_files.open(path, "wb" if isinstance(content, bytes) else "w") as f:
        f.write(content)

config = mkdocs_gen_files.FilesEditor.current().config
config.nav = [{title: path} for title, path in site.nav]
# an earlier release of the site says so from the first paint (docs/overrides/main.html), not
# once Material has fetched versions.json (the page would jump: layout shift)
config.extra["tradesite_outdated"] = site.release.id != site.release.catalog.ids[-1]
