"""Conversation flows and Adaptive Cards: plain requests in, plain replies out. No Teams here."""
