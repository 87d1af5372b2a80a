"""The domain layer: every rule and state change of the hotline, in one place that chat, CLI
and web call with plain values; refusals are typed exceptions (domain.errors)."""
