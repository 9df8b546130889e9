"""The attribution journal: notes on which teams earned a customer's success, and their sum.

In B2B it is hard to say who earned an outcome (support on the phone? an easy first hour? a
sales walkthrough?); leaders record that judgement note by note and read the pattern across
many.
"""

from planner.ui.journal.customers import CustomersDialog, open_customers_dialog
from planner.ui.journal.editor import NoteEditor
from planner.ui.journal.linked import LinkedNotesList
from planner.ui.journal.page import JournalPage
from planner.ui.journal.summary import CreditSummaryPanel

__all__ = [
    "CreditSummaryPanel",
    "CustomersDialog",
    "JournalPage",
    "LinkedNotesList",
    "NoteEditor",
    "open_customers_dialog",
]
