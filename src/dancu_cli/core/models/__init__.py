"""Pydantic models of the workspace files: plans, the unit registry and unit reports."""

from .plan import Plan, Task
from .report import Entry, UnitReport
from .units import Group, Registry, Unit

__all__ = ["Entry", "Group", "Plan", "Registry", "Task", "Unit", "UnitReport"]
