"""The nightly retention run: everything the retention periods no longer let us keep.
Idempotent: a second run the same night finds nothing to do."""

from datetime import timedelta

from dialogs.context import Context
from dialogs.stats import retention as closed_cases_and_messages


async def retention(ctx: Context) -> int:
    """Absences, old audit entries, departed members' names and ids, and (through the
    existing case retention) sent messages, card flows and closed cases, whose queued and
    sent copies in the outbox go with them. Returns rows deleted or wiped."""
    now, today, settings = ctx.clock.now(), ctx.today(), ctx.settings
    store = ctx.store
    done = 0
    for team in await store.teams.all_active():
        cutoff = now - timedelta(days=ctx.team_settings(team).retention_days)
        due = await store.retention.cases_to_anonymise(team.id, cutoff)
        done += await store.outbox.delete_for_cases(team.id, due)
        done += await store.retention.purge_absences(
            team.id,
            today - timedelta(days=settings.absence_retention_days),
            today - timedelta(days=settings.sick_retention_days),
        )
    done += await closed_cases_and_messages(ctx)
    done += await store.retention.purge_audit(now - timedelta(days=settings.audit_retention_days))
    await store.retention.mark_departures(now)  # noted, not erased yet: not counted
    erased = await store.retention.erase_departed(
        now - timedelta(days=settings.departed_member_days), now
    )
    for member_id in erased:
        store.audit.record(None, None, "member_erased", f"member:{member_id}", now)
    done += await store.web_sessions.purge(now)  # expired sign-in links and sessions
    return done + len(erased)
