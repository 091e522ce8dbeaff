"""``specward changelog``: every change from BASE to HEAD, breaking or not, grouped by endpoint
and then by component, built on :func:`specward.breaking.compare_specs`.

``build_changelog(base, head, contract=...)`` returns a :class:`Changelog`; its ``payload()`` is
the JSON document and ``render(fmt)`` its text, markdown or JSON form.
"""

from specward.changelog.build import Change, Changelog, Component, Group, build_changelog

__all__ = ["Change", "Changelog", "Component", "Group", "build_changelog"]
