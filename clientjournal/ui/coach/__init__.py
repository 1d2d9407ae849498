"""The coach sidebar: step, ranked actions with their reasons, one-click follow-ups, "Today"."""

from clientjournal.ui.coach.navigation import reveal_entry
from clientjournal.ui.coach.sidebar import CoachSidebar

__all__ = ["CoachSidebar", "reveal_entry"]
