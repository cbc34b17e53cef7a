"""mkdocs-gen-files script: one release's generated pages into the build.

TRADESITE_RELEASE picks the release (default: the newest committed one). The nav is
set here from the chapters the release has, in the report's order, so a release's
navigation lists only its own chapters.
"""

import os

import mkdocs_gen_files

from tradesite.site import versions
from tradesite.site.pages import build_site

site = build_site(os.environ.get("TRADESITE_RELEASE") or None)
versions.add_releases_list(site.files, site.release.id)  # versioned builds only
for path, content in site.files.items():
    with mkdocs_gen_files.open(path, "wb" if isinstance(content, bytes) else "w") as f:
        f.write(content)

mkdocs_gen_files.FilesEditor.current().config.nav = [{title: path} for title, path in site.nav]
