"""Pydantic models of the workspace files: plans, the unit registry, unit reports and the official calendar."""

from .calendar import CalendarFile, OfficialDay

from .plan import Plan, Task
from .report import Entry, UnitReport
from .units import Group, Registry, Unit

__all__ = ["CalendarFile", "Entry", "OfficialDay", "Group", "Plan", "Registry", "Task", "Unit", "UnitReport"]
