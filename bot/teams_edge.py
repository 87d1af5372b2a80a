"""The Teams edge: the only module that imports botbuilder.

Activities become plain requests and events for the runner; plain replies become activities.
Replacing the Bot Framework SDK with the Microsoft 365 Agents SDK means rewriting this file.
"""

import json
import logging
from types import SimpleNamespace
from typing import Any, Protocol

from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    Attachment,
    CallerIdConstants,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
    InvokeResponse,
    Mention,
)
from botframework.connector.auth import AuthenticationConstants
from msrest.exceptions import HttpOperationError
from msrest.universal_http.requests import ClientRetryPolicy

from bot.config import Settings
from bot.delivery import DeliveryError, Destination
from dialogs.plain import Person, Reply, Request, TeamEvent

log = logging.getLogger(__name__)

# msrest builds [i for i in range(999) if i not in safe_codes] for every connector client, and
# CloudAdapter makes two clients per turn: with a 500-item list that is ~7 ms of CPU a turn.
# The same codes as a frozenset make the scan cheap; the retry policy itself is unchanged.
ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)  # type: ignore[assignment]

CARD_TYPE = "application/vnd.microsoft.card.adaptive"


class Runner(Protocol):
    async def message(self, req: Request) -> list[Reply]: ...
    async def team_event(self, event: TeamEvent) -> list[Reply]: ...


class TeamsEdge:
    def __init__(self, settings: Settings, runner: Runner) -> None:
        self.settings = settings
        self.runner = runner
        config = SimpleNamespace(
            APP_ID=settings.app_id,
            APP_PASSWORD=settings.app_password,
            APP_TYPE=settings.app_type if settings.app_id else "MultiTenant",
            APP_TENANTID=settings.app_tenant_id,
        )
        if settings.openid_metadata_url:
            # Setting one endpoint switches botbuilder to its "parameterized" mode, which then
            # needs every public-cloud value spelled out.
            config.__dict__.update(
                TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL=settings.openid_metadata_url,
                TO_BOT_FROM_CHANNEL_TOKEN_ISSUER=AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER,
                TO_CHANNEL_FROM_BOT_OAUTH_SCOPE=AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE,
                TO_CHANNEL_FROM_BOT_LOGIN_URL=AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL,
                OAUTH_URL=AuthenticationConstants.OAUTH_URL,
                TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL=(
                    AuthenticationConstants.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL
                ),
                CALLER_ID=CallerIdConstants.public_azure_channel,
            )
        self.adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config))
        self.adapter.on_turn_error = self._on_turn_error

    # ---- incoming -------------------------------------------------------------------------

    async def handle_http(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
            return web.json_response({"error": "body is not JSON"}, status=400)
        problem = _problem(body)
        if problem:
            return web.json_response({"error": problem}, status=400)
        auth = request.headers.get("Authorization", "")
        if auth and not self.settings.app_id and not _looks_like_jwt(auth):
            return web.json_response({"error": "malformed token"}, status=401)
        try:
            activity = Activity().deserialize(body)
        except Exception:
            return web.json_response({"error": "not an activity"}, status=400)
        try:
            checked = await self.adapter.bot_framework_authentication.authenticate_request(
                activity, auth
            )
        except Exception as exc:
            # Bad signature, audience, issuer or expiry, or the key endpoint out of reach:
            # whatever failed, the caller is not let in.
            log.warning("request refused: %s %s", type(exc).__name__, exc)
            return web.json_response({"error": "unauthorized"}, status=401)
        response = await self.adapter.process_activity(checked, activity, self._on_turn)
        if response:
            return web.json_response(response.body, status=response.status)
        return web.Response(status=201)

    async def _on_turn_error(self, context: TurnContext, error: Exception) -> None:
        log.error("turn failed in the adapter: %s", type(error).__name__)
        raise error

    async def _on_turn(self, context: TurnContext) -> None:
        activity = context.activity
        if activity.type == ActivityTypes.message:
            await self._send(context, await self.runner.message(to_request(activity)))
        elif activity.type == ActivityTypes.conversation_update:
            await self._conversation_update(context)
        elif activity.type == ActivityTypes.installation_update:
            await self._installation_update(context)
        elif activity.type == ActivityTypes.invoke:
            # The bot's cards use Action.Submit, so no invoke needs an answer; acknowledge
            # instead of botbuilder's 501.
            await context.send_activity(
                Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=200))
            )

    async def _conversation_update(self, context: TurnContext) -> None:
        activity = context.activity
        bot_id = activity.recipient.id if activity.recipient else ""
        added = activity.members_added or []
        removed = activity.members_removed or []
        if _team_id(activity) is None:
            if any(m.id == bot_id for m in added):  # the personal app was installed
                req = to_request(activity, text="hjælp")
                await self._send(context, await self.runner.message(req))
            return
        if any(m.id == bot_id for m in removed):
            await self.runner.team_event(to_event(activity, "uninstalled"))
            return
        installed = any(m.id == bot_id for m in added)
        if not installed and not added and not removed:
            return
        roster = await fetch_roster(context)
        kind = "installed" if installed else "members_changed"
        await self._send(context, await self.runner.team_event(to_event(activity, kind, roster)))

    async def _installation_update(self, context: TurnContext) -> None:
        activity = context.activity
        if _team_id(activity) is None:
            return
        if (activity.action or "").startswith("remove"):
            await self.runner.team_event(to_event(activity, "uninstalled"))
            return
        roster = await fetch_roster(context)
        await self._send(
            context, await self.runner.team_event(to_event(activity, "installed", roster))
        )

    async def _send(self, context: TurnContext, replies: list[Reply]) -> None:
        """Send the turn's replies. The turn's work is already committed: a connector that
        refuses a reply is logged, not turned into a 500 that would make Teams retry it."""
        try:
            await self._send_all(context, replies)
        except Exception as exc:
            log.warning("a reply could not be delivered: %s", type(exc).__name__)

    async def _send_all(self, context: TurnContext, replies: list[Reply]) -> None:
        for reply in replies:
            activity = to_activity(reply)
            if reply.update and context.activity.reply_to_id:
                activity.id = context.activity.reply_to_id
                await context.update_activity(activity)
            else:
                await context.send_activity(activity)

    # ---- outgoing on the bot's own ---------------------------------------------------------

    async def team_roster(
        self, service_url: str, tenant_id: str, team_id: str
    ) -> tuple[Person, ...]:
        """The team's roster outside a turn (the nightly sync)."""
        found: list[tuple[Person, ...]] = []

        async def callback(context: TurnContext) -> None:
            context.activity.channel_data = {"team": {"id": team_id}, "tenant": {"id": tenant_id}}
            found.append(await fetch_roster(context))

        reference = ConversationReference(
            channel_id="msteams",
            service_url=service_url,
            conversation=ConversationAccount(id=team_id, is_group=True, tenant_id=tenant_id),
        )
        try:
            await self.adapter.continue_conversation(reference, callback, self.settings.app_id)
        except HttpOperationError as exc:
            raise _delivery_error(exc) from None
        return found[0]

    async def deliver(self, destination: Destination, reply: Reply) -> str:
        """Send one message outside a turn; the new activity's id. Raises DeliveryError."""
        sent: list[str] = []

        async def callback(context: TurnContext) -> None:
            response = await context.send_activity(to_activity(reply))
            sent.append(response.id if response and response.id else "")

        try:
            if destination.reference:
                reference = ConversationReference().deserialize(destination.reference)
                await self.adapter.continue_conversation(reference, callback, self.settings.app_id)
            else:
                await self.adapter.create_conversation(
                    self.settings.app_id,
                    callback,
                    _conversation_parameters(destination),
                    "msteams",
                    destination.service_url,
                    None,
                )
        except HttpOperationError as exc:
            raise _delivery_error(exc) from None
        return sent[0] if sent else ""


def _conversation_parameters(destination: Destination) -> ConversationParameters:
    if destination.channel_id:
        return ConversationParameters(
            is_group=True,
            channel_data={
                "channel": {"id": destination.channel_id},
                "tenant": {"id": destination.tenant_id},
            },
            tenant_id=destination.tenant_id,
        )
    return ConversationParameters(
        is_group=False,
        members=[ChannelAccount(id=destination.user_teams_id)],
        tenant_id=destination.tenant_id,
        channel_data={"tenant": {"id": destination.tenant_id}},
    )


def _delivery_error(exc: HttpOperationError) -> DeliveryError:
    response = exc.response
    status = int(getattr(response, "status_code", 0) or 0)
    retry_after: float | None = None
    raw = (getattr(response, "headers", None) or {}).get("Retry-After")
    if raw:
        try:
            retry_after = float(raw)
        except ValueError:
            retry_after = None
    return DeliveryError(status, retry_after, type(exc).__name__)


# ---- conversion -----------------------------------------------------------------------------


def _problem(body: Any) -> str | None:
    """Why a body cannot be an activity we accept, before botbuilder sees it."""
    if not isinstance(body, dict):
        return "an activity must be a JSON object"
    if not isinstance(body.get("type"), str) or not body["type"]:
        return "type is required"
    service_url = body.get("serviceUrl")
    if not isinstance(service_url, str) or not service_url.startswith(("http://", "https://")):
        return "serviceUrl is required"
    conversation = body.get("conversation")
    if not isinstance(conversation, dict) or not isinstance(conversation.get("id"), str):
        return "conversation.id is required"
    if not conversation["id"] or len(conversation["id"]) > 1000:
        return "conversation.id must be 1 to 1000 characters"
    for key in ("from", "recipient"):
        if key in body and not isinstance(body[key], dict):
            return f"{key} must be an object"
    for key in ("text", "locale", "replyToId"):
        if body.get(key) is not None and not isinstance(body[key], str):
            return f"{key} must be a string"
    for key in ("entities", "membersAdded", "membersRemoved"):
        if body.get(key) is not None and not isinstance(body[key], list):
            return f"{key} must be a list"
    if body.get("channelData") is not None and not isinstance(body["channelData"], dict):
        return "channelData must be an object"
    return None


def _looks_like_jwt(header: str) -> bool:
    scheme, _, token = header.partition(" ")
    return scheme.lower() == "bearer" and token.count(".") == 2


def _channel_data(activity: Activity) -> dict[str, Any]:
    data = activity.channel_data
    return data if isinstance(data, dict) else {}


def _team_id(activity: Activity) -> str | None:
    team = _channel_data(activity).get("team")
    return team.get("id") if isinstance(team, dict) and team.get("id") else None


def _tenant_id(activity: Activity) -> str:
    tenant = _channel_data(activity).get("tenant")
    if isinstance(tenant, dict) and tenant.get("id"):
        return str(tenant["id"])
    return (activity.conversation.tenant_id if activity.conversation else None) or ""


def _channel_id(activity: Activity) -> str:
    channel = _channel_data(activity).get("channel")
    if isinstance(channel, dict) and channel.get("id"):
        return str(channel["id"])
    return (activity.conversation.id or "").split(";messageid=")[0]


def _person(account: ChannelAccount | None) -> Person:
    if account is None:
        return Person("", "", "")
    return Person(
        aad_object_id=account.aad_object_id or "",
        teams_user_id=account.id or "",
        name=account.name or "",
        email=getattr(account, "email", None) or "",
    )


def _text_and_mentions(activity: Activity, text: str) -> tuple[str, tuple[Person, ...]]:
    bot_id = activity.recipient.id if activity.recipient else None
    mentions: list[Person] = []
    for entity in activity.entities or []:
        props = entity.additional_properties or {}
        if entity.type != "mention":
            continue
        mentioned = props.get("mentioned") or {}
        tag = props.get("text") or ""
        if not isinstance(mentioned, dict) or not isinstance(tag, str):
            continue
        if mentioned.get("id") == bot_id:
            text = text.replace(tag, " ")
        else:
            name = str(mentioned.get("name") or "")
            text = text.replace(tag, name)
            mentions.append(Person("", str(mentioned.get("id") or ""), name))
    text = text.replace("&nbsp;", " ")
    return " ".join(text.split()), tuple(mentions)


def to_request(activity: Activity, text: str | None = None) -> Request:
    raw_text, mentions = _text_and_mentions(activity, activity.text or "")
    conversation = activity.conversation
    scope = (conversation.conversation_type if conversation else None) or "personal"
    value = activity.value if isinstance(activity.value, dict) else None
    reference = TurnContext.get_conversation_reference(activity).serialize()
    return Request(
        tenant_id=_tenant_id(activity),
        user=_person(activity.from_property),
        locale=activity.locale or "",
        scope=scope,
        conversation_id=conversation.id if conversation else "",
        service_url=activity.service_url or "",
        team_teams_id=_team_id(activity),
        channel_id=_channel_id(activity) if scope == "channel" else None,
        text=raw_text if text is None else text,
        value=value,
        mentions=mentions,
        reply_to_id=activity.reply_to_id,
        reference=reference,
    )


def to_event(activity: Activity, kind: str, roster: tuple[Person, ...] | None = None) -> TeamEvent:
    team = _channel_data(activity).get("team") or {}
    return TeamEvent(
        kind=kind,
        tenant_id=_tenant_id(activity),
        team_teams_id=_team_id(activity) or "",
        team_name=str(team.get("name") or ""),
        channel_id=_channel_id(activity),
        service_url=activity.service_url or "",
        actor=_person(activity.from_property),
        roster=roster,
        locale=activity.locale or "",
    )


async def fetch_roster(context: TurnContext) -> tuple[Person, ...]:
    """Everyone in the team, page by page (never a single unpaged call)."""
    people: list[Person] = []
    token: str | None = None
    while True:
        page = await TeamsInfo.get_paged_members(context, token, 500)
        people.extend(_person(m) for m in page.members or [])
        token = page.continuation_token
        if not token:
            return tuple(people)


def to_activity(reply: Reply) -> Activity:
    activity = Activity(type=ActivityTypes.message, text=reply.text or None)
    if reply.card is not None:
        activity.attachments = [Attachment(content_type=CARD_TYPE, content=reply.card)]
    if reply.mentions:
        activity.entities = [
            Mention(
                mentioned=ChannelAccount(id=m.teams_user_id, name=m.name),
                text=m.tag,
                type="mention",
            )
            for m in reply.mentions
        ]
    return activity
