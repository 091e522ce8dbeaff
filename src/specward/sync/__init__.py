"""``sync``: apply upstream drift to the published spec with a round-trip editor."""

from specward.sync.engine import SyncError, SyncResult, sync_file

__all__ = ["SyncError", "SyncResult", "sync_file"]
