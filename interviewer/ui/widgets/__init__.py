"""Widgets the screens share: chat entries, the feedback card, the side panel."""
