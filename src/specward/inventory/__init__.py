"""``specward inventory``: check a spec against an operation inventory (Naftiko or plain YAML)."""

from specward.inventory.check import InventoryResult, check_inventory, check_inventory_files
from specward.inventory.read import Hints, Inventory, InventoryOp, InventoryParam, load_inventory

__all__ = [
    "Hints",
    "Inventory",
    "InventoryOp",
    "InventoryParam",
    "InventoryResult",
    "check_inventory",
    "check_inventory_files",
    "load_inventory",
]
