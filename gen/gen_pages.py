"""mkdocs-gen-files script: one release's generated pages into the build.

An edge: it runs inside MkDocs's process and reads its settings from the environment
(:meth:`tradesite.settings.Settings.from_env`), which it passes down. TRADESITE_RELEASE picks the
release (default: the newest of the site); in a versioned build TRADESITE_SITE_RELEASES names the
site's releases. The nav is set here from the chapters the
release has, in the report's order, so a release's navigation lists only its own chapters, then
what the site has across releases (the series explorer, compare, the map, the API: its root).
Pages made from the same inputs before are taken from the page cache
(:mod:`tradesite.site.release.pagecache`); a miss imports the generator and builds them.
"""

import mkdocs_gen_files

from tradesite.settings import Settings
from tradesite.site.release import pagecache
from tradesite.site.render import urls

settings = Settings.from_env()
release = settings.release or pagecache.default_release(settings)
made, digest = pagecache.load(release, settings)
if made is None:
    from tradesite.site.release.pages import build_site

    site = build_site(release, settings=settings)
    made = {
        "files": site.files,
        "nav": site.nav,
        # an earlier release of the site says so from the first paint (docs/overrides/main.html),
        # not once Material has fetched versions.json (the page would jump: a layout shift)
        "outdated": site.release.id != site.release.catalog.ids[-1],
    }
    pagecache.store(release, digest, made, settings)

for path, content in made["files"].items():
    with mkdocs_gen_files.open(path, "wb" if isinstance(content, bytes) else "w") as f:
        f.write(content)

config = mkdocs_gen_files.FilesEditor.current().config
# what the site has across releases, at its root (one level above this version's own site_url)
root = urls.root_of(config.site_url) if config.site_url else "../"
across = [{"Series explorer": f"{root}series/"}, {"Compare series": f"{root}series/compare/"},
          {"Map by partner": f"{root}series/map/"}, {"Static API": f"{root}api/"}, {"Every release": root}]
config.nav = [{title: path} for title, path in made["nav"]] + [{"Across releases": across}]
config.extra["tradesite_outdated"] = made["outdated"]
