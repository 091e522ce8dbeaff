"""``specward release``: the release checklist (semver bump, changelog, acceptances, live checks)."""

from specward.release.build import ApiRelease, ChecklistItem, Release, build_release, category
from specward.release.render import migration_note, render_release

__all__ = [
    "ApiRelease",
    "ChecklistItem",
    "Release",
    "build_release",
    "category",
    "migration_note",
    "render_release",
]
