"""Dialogs that return a typed result: ``push_screen(Modal(...), callback)``."""
from sto_qual.tui.modals.choice import ChoiceModal
from sto_qual.tui.modals.confirm import ConfirmModal
from sto_qual.tui.modals.leave import LeaveModal
from sto_qual.tui.modals.picker import PickerModal, PickOption
from sto_qual.tui.modals.prompt import MemoModal, TextPrompt

__all__ = ["ChoiceModal", "ConfirmModal", "LeaveModal", "PickerModal", "PickOption", "MemoModal", "TextPrompt"]
