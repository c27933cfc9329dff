"""The lazily loaded modules the service worker precaches (app/src/lazy.rs's groups): at install, the
groups of the doctor's filing path (PRECACHED) with the shared chunks they load; after them, those of
PRECACHED_LATER that the first list does not hold, and the lazily loaded screens' stylesheets that
only other groups' screens enable. One home for these lists, read by scripts/sw-precache.sh (the
service worker's lists) and scripts/wasm-sizes.sh (the sizes as sent).
Usage: loads.py __WASM_SPLIT_JS --precached | --precached-later, one path a line (/lazy/…), each
group's module before its chunks, each path once; loads.py INDEX_HTML --later-styles, one path a line.

The loader (__wasm_split.js, after scripts/wasm-split/stage.sh put the hashed names in) reads
`export const __wasm_split_load_filing = wrapAsyncCb(makeLoad(() => { … fetch(new URL("./lazy/…",
…)) … }, [__chunk_7, …]))`, each chunk `const __chunk_7 = makeLoad(() => { … fetch(new URL(
"./lazy/…", …)) … }, [])`. Once scripts/wasm-split/bundle.py merged a group's modules (BUNDLED), the
bundle is a loader like a chunk's (`const __bundle_sync = makeLoad(…)`), each merged chunk's loader is
the bundle's (`const __chunk_7 = __bundle_sync;`) and a merged group's loads the bundle instead of its
own module (`wrapAsyncCb(makeLoad(() => async () => __bundle_sync(), [__chunk_7, …]))`).
"""

import re
import sys

# The filing path: a doctor's home, the form and the receipt; a session's outbox and the logout's wipe;
# the family of the form the path's journey files (measles, with rubella and pertussis: domain::forms's
# VaccinePreventableForm).
PRECACHED = ["filing", "sync", "forms_vaccine_preventable"]
# Off the filing path: the filers' other screens (a notification's detail, its correction, a
# veterinarian's, with the veterinarians' form), the help guide's screen (it reads offline), the homes'
# notices (when there are some) and the other families' forms, so that every form opens offline.
PRECACHED_LATER = [
    "filing_later",
    "help",
    "notices",
    "forms_later",
]
# Merged into one file each, in this order, by scripts/wasm-split/bundle.py: what `sync` loads (every
# session does), then what else `filing` loads, then what else the path's family of forms loads.
BUNDLED = ["sync", "filing", "forms_vaccine_preventable"]


def loads(text):
    """Each loader's name: (its module's path, or None for a group whose module is in a bundle; the
    names of the loaders it loads first)."""
    starts = list(re.finditer(r"^(?:export )?const (\w+) = ", text, re.M))
    table, aliases = {}, {}
    for here, after in zip(starts, starts[1:] + [None]):
        body = text[here.end() : after.start() if after else len(text)]
        alias = re.match(r"(\w+);", body)
        if alias:
            aliases[here.group(1)] = alias.group(1)
            continue
        url = re.search(r'new URL\("\./([^"]+)"', body)
        bundle = re.search(r"async \(\) => (\w+)\(\)", body)
        deps = re.findall(r"\w+", re.search(r"\n, \[([^\]]*)\]", body).group(1))
        table[here.group(1)] = ("/" + url.group(1) if url else None, ([bundle.group(1)] if bundle else []) + deps)
    for name, target in aliases.items():
        table[name] = table[target]
    return table


def modules(table, groups, loader):
    """The paths of the groups' modules and of the chunks each loads first, each path once."""
    seen = []
    for group in groups:
        name = "__wasm_split_load_" + group
        if name not in table:
            sys.exit(f"loads.py: no loader of the group {group} in {loader}")
        url, deps = table[name]
        for path in [url] + [table[dep][0] for dep in deps]:
            if path and path not in seen:
                seen.append(path)
    return seen


def later_styles(html):
    """The paths of the lazily loaded screens' stylesheets that name their groups (app/index.html,
    `data-lazy-style-admin data-lazy-style-manager`: app/src/lazy.rs enables them with those groups'
    screens only) and none of PRECACHED's: the filing path never enables them."""
    paths = []
    for link in re.findall(r'<link rel="stylesheet"[^>]*>', html):
        groups = re.findall(r" data-lazy-style-(\w+)", link)
        if groups and not set(groups) & set(PRECACHED):
            paths.append(re.search(r'href="([^"]+)"', link).group(1))
    return paths


def main(loader, which):
    if which == "--later-styles":
        print("\n".join(later_styles(open(loader).read())))
        return
    table = loads(open(loader).read())
    first = modules(table, PRECACHED, loader)
    if which == "--precached":
        paths = first
    elif which == "--precached-later":
        paths = [path for path in modules(table, PRECACHED_LATER, loader) if path not in first]
    else:
        sys.exit("usage: loads.py __WASM_SPLIT_JS --precached | --precached-later; loads.py INDEX_HTML --later-styles")
    print("\n".join(paths))


if __name__ == "__main__":
    main(*sys.argv[1:3])
