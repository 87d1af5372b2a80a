"""Which colleague a command is about: an @mention, a typed name, or a button when ambiguous."""

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import t
from dialogs.plain import Answered, Reply
from domain.errors import CardUnknown, Refused
from rules.names import Named, match_name
from store.members import is_active
from store.models import Member

Target = tuple[Member, str]


async def target_and_rest(
    caller: Caller,
    ctx: Context,
    inv: Invocation,
    command: str,
    rest_words: int,
    *,
    rerun: str | None = None,
) -> Target:
    """The member named in the arguments and the last `rest_words` words.

    When several people match, the turn is answered with a card with one button each
    (`Answered`); its click re-runs `command` with the chosen member and the arguments
    `rerun` (a command that passes only the name part here gives its whole arguments), else
    the rest.
    """
    team, lang = caller.in_team, caller.lang
    if inv.target_id is not None:
        member = await _team_member(ctx, team.id, inv.target_id)
        if member is None:
            raise CardUnknown()
        return member, inv.args
    words = inv.args.split()
    split = max(len(words) - rest_words, 0)
    name, rest = " ".join(words[:split]), " ".join(words[split:])
    people = [(m, ms) for m, ms in await ctx.store.members.of_team(team.id) if is_active(ms)]
    for mention in caller.request.mentions:
        for member, _ in people:
            if member.teams_user_id == mention.teams_user_id:
                return member, rest
    if not name:
        raise Refused("name_needed", example=inv.example)
    found = match_name(name, [Named(m.name, m) for m, _ in people])
    if not found:
        raise Refused("name_unknown", name=name)
    if len(found) == 1:
        return found[0].item, rest
    flow = await ctx.store.flows.start(
        "pick",
        team.id,
        {"command": command, "args": rest if rerun is None else rerun, "by": caller.member.id},
        ctx.clock.now(),
    )
    options = [
        (p.item.name + (f" ({p.item.email})" if p.item.email else ""), {"member": p.item.id})
        for p in found
    ]
    prompt = t(lang, "name_ambiguous", name=name)
    raise Answered(Reply(card=cards.choices_card(prompt, flow.id, flow.version, "pick", options)))


async def _team_member(ctx: Context, team_id: int, member_id: int) -> Member | None:
    if await ctx.store.members.membership(team_id, member_id) is None:
        return None
    return await ctx.store.members.get(member_id)
