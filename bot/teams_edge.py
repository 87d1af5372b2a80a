"""The Teams edge: the only module that imports botbuilder.

Activities become plain requests and events for the runner; plain replies become activities
(the JSON conversion itself is `bot/activities.py`, which needs no botbuilder).
Replacing the Bot Framework SDK with the Microsoft 365 Agents SDK means rewriting this file.
"""

import asyncio
import json
import logging
import time
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Protocol

from aiohttp import web

from bot.activities import (
    MAX_DEPTH,
    Wire,
    account_ids,
    deeper_than,
    part,
    person,
    problem,
    reply_address,
    string,
    team_id_of,
    tenant_id_of,
    to_activity,
    to_event,
    to_request,
)
from bot.config import Settings
from bot.connector_api import ConnectorApi
from bot.delivery import DeliveryError, Destination, retry_after
from dialogs.plain import Person, Reply, Request, TeamEvent

if TYPE_CHECKING:
    from botbuilder.core import TurnContext
    from botbuilder.integration.aiohttp import CloudAdapter
    from msrest.exceptions import HttpOperationError

log = logging.getLogger(__name__)

# botbuilder (with msrest, requests, azure-core, MSAL, PyJWT and cryptography: about 0.4 s and
# 25 MB) is imported when the adapter is first needed, not at start-up: a message from Teams
# needs it only to check a token, and without credentials a message carries none. Member and
# install events, the roster sync and a connector token need it always.
MESSAGE, INVOKE = "message", "invoke"
UPDATES = ("conversationUpdate", "installationUpdate")

# Any connector URL will do: only the credentials of the client made for it are used.
PUBLIC_SERVICE_URL = "https://smba.trafficmanager.net/teams/"
# Connector tokens live an hour; one is reused for a quarter of that.
TOKEN_REUSE_SECONDS = 15 * 60


class _TeamsChannelDataNoise(logging.Filter):
    """msrest warns "eventType is not a known attribute of class TeamsChannelData" for every
    install and member event: botbuilder's schema lacks the field Teams always sends (the edge
    reads it from the JSON). Only that one warning is dropped; every other msrest line stays."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not (
            record.msg == "%s is not a known attribute of class %s and will be ignored"
            and len(args) == 2
            and args[0] == "eventType"
            and getattr(args[1], "__name__", "") == "TeamsChannelData"
        )


_MSREST_NOISE = _TeamsChannelDataNoise()


class Runner(Protocol):
    async def message(self, req: Request) -> list[Reply]: ...
    async def team_event(self, event: TeamEvent) -> list[Reply]: ...


class TeamsEdge:
    def __init__(self, settings: Settings, runner: Runner) -> None:
        self.settings = settings
        self.runner = runner
        self._adapter: CloudAdapter | None = None
        self.api = ConnectorApi(self._token)
        self._token_cache: tuple[str, float] | None = None

    @property
    def adapter(self) -> "CloudAdapter":
        if self._adapter is None:
            self._adapter = self._build_adapter()
        return self._adapter

    def _build_adapter(self) -> "CloudAdapter":
        from botbuilder.integration.aiohttp import (
            CloudAdapter,
            ConfigurationBotFrameworkAuthentication,
        )
        from botbuilder.schema import CallerIdConstants
        from botframework.connector.auth import AuthenticationConstants
        from msrest.universal_http.requests import ClientRetryPolicy

        # msrest builds [i for i in range(999) if i not in safe_codes] for every connector
        # client, and CloudAdapter makes two clients per turn: with a 500-item list that is
        # ~7 ms of CPU a turn. The same codes as a frozenset make the scan cheap; the retry
        # policy itself is unchanged.
        ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)  # type: ignore[assignment]
        settings = self.settings
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
        adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config))
        msrest_log = logging.getLogger("msrest.serialization")
        if _MSREST_NOISE not in msrest_log.filters:
            msrest_log.addFilter(_MSREST_NOISE)
        adapter.on_turn_error = self._on_turn_error
        return adapter

    # ---- incoming -------------------------------------------------------------------------

    async def handle_http(self, request: web.Request) -> web.Response:
        try:
            # The body's size is capped by the app (client_max_size); its nesting here.
            body = json.loads(await request.text())
        except (UnicodeDecodeError, ValueError, RecursionError):
            return web.json_response({"error": "body is not JSON"}, status=400)
        if deeper_than(body, MAX_DEPTH):
            return web.json_response({"error": f"nested deeper than {MAX_DEPTH}"}, status=400)
        wrong = problem(body)
        if wrong:
            return web.json_response({"error": wrong}, status=400)
        auth = request.headers.get("Authorization", "")
        if auth and not self.settings.app_id and not _looks_like_jwt(auth):
            return web.json_response({"error": "malformed token"}, status=401)
        try:
            checked = await self._authenticate(body, auth)
        except Exception as exc:
            # Bad signature, audience, issuer or expiry, or the key endpoint out of reach:
            # whatever failed, the caller is not let in.
            log.warning("request refused: %s %s", type(exc).__name__, exc)
            return web.json_response({"error": "unauthorized"}, status=401)
        refusal = self._refusal(body)
        if refusal:
            log.warning(
                "activity refused, %s: type %.40s, channel %.40s, tenant %.80s",
                refusal,
                body["type"],
                body.get("channelId"),
                tenant_id_of(body),
            )
            return web.json_response({"error": refusal}, status=403)
        kind = body["type"]
        if kind == MESSAGE:
            # The hot path reads the JSON itself and needs no TurnContext: botbuilder would
            # deserialize it with msrest, build two connector clients, and send the replies
            # through `requests` in a thread pool.
            await self._reply(body, await self.runner.message(to_request(body)))
        elif kind == INVOKE:
            # The bot's cards use Action.Submit, so no invoke needs an answer; acknowledge
            # instead of botbuilder's 501.
            return web.Response(status=200)
        elif kind in UPDATES:
            # Rare, and they need botbuilder's roster calls.
            from botbuilder.schema import Activity

            try:
                activity = Activity().deserialize(body)
            except Exception:
                return web.json_response({"error": "not an activity"}, status=400)
            if checked is None:
                checked = await self._authenticate(body, auth, always=True)
            await self.adapter.process_activity(
                checked, activity, lambda context: self._on_update(context, body)
            )
        return web.Response(status=201)

    async def _authenticate(self, body: Wire, auth: str, always: bool = False) -> Any:
        """botbuilder's verdict on the token (it raises when the caller is not let in); None
        without credentials and without a token, where botbuilder lets everyone in, unless
        `always` asks for the (anonymous) identity botbuilder gives then."""
        if not (always or auth or self.settings.app_id):
            return None
        from botbuilder.schema import Activity

        return await self.adapter.bot_framework_authentication.authenticate_request(
            Activity(channel_id=string(body, "channelId"), service_url=body["serviceUrl"]), auth
        )

    def _refusal(self, body: Wire) -> str | None:
        """Why a well-formed, authenticated activity is still not let in. A token proves the
        channel service and the service URL, not the user: the user is whoever `from` says,
        so only Teams, which fills `from` itself, is believed."""
        if body.get("channelId") != "msteams":
            return "only Microsoft Teams is served"
        if body["type"] in (MESSAGE, INVOKE) and not string(part(body, "from"), "aadObjectId"):
            # Member and install events may come without one; their people come from the
            # roster the connector returns, and an installer without one is no one.
            return "from.aadObjectId is required"
        tenants = self.settings.allowed_tenants
        if tenants is not None and tenant_id_of(body) not in tenants:
            return "tenant not allowed"
        return None

    async def _on_turn_error(self, context: "TurnContext", error: Exception) -> None:
        log.error("turn failed in the adapter: %s", type(error).__name__)
        raise error

    async def _on_update(self, context: "TurnContext", body: Wire) -> None:
        if body["type"] == "conversationUpdate":
            await self._conversation_update(context, body)
        else:
            await self._installation_update(context, body)

    async def _conversation_update(self, context: "TurnContext", body: Wire) -> None:
        bot_id = string(part(body, "recipient"), "id")
        added, removed = account_ids(body, "membersAdded"), account_ids(body, "membersRemoved")
        if team_id_of(body) is None:
            if bot_id in added:  # the personal app was installed
                await self._reply(body, await self.runner.message(to_request(body, "hjælp")))
            return
        if bot_id in removed:
            await self.runner.team_event(to_event(body, "uninstalled"))
            return
        if not added and not removed:
            return
        roster = await fetch_roster(context)
        kind = "installed" if bot_id in added else "members_changed"
        await self._reply(body, await self.runner.team_event(to_event(body, kind, roster)))

    async def _installation_update(self, context: "TurnContext", body: Wire) -> None:
        if team_id_of(body) is None:
            return
        if string(body, "action").startswith("remove"):
            await self.runner.team_event(to_event(body, "uninstalled"))
            return
        roster = await fetch_roster(context)
        await self._reply(body, await self.runner.team_event(to_event(body, "installed", roster)))

    async def _reply(self, incoming: Wire, replies: list[Reply]) -> None:
        """Send the turn's replies. The turn's work is already committed: a connector that
        refuses a reply is logged, not turned into a 500 that would make Teams retry it."""
        service_url = incoming["serviceUrl"]
        conversation = incoming["conversation"]["id"]
        card_id = string(incoming, "replyToId")
        address = reply_address(incoming)
        for reply in replies:
            body = {**address, **to_activity(reply)}
            try:
                if reply.update and card_id:
                    await self.api.update(service_url, conversation, card_id, body)
                else:
                    await self.api.send(service_url, conversation, body, address["replyToId"])
            except Exception as exc:  # refused, unreachable, or no token to be had
                log.warning("a reply could not be delivered: %s %s", type(exc).__name__, exc)

    # ---- outgoing on the bot's own ---------------------------------------------------------

    async def team_roster(
        self, service_url: str, tenant_id: str, team_id: str
    ) -> tuple[Person, ...]:
        """The team's roster outside a turn (the nightly sync)."""
        from botbuilder.schema import ConversationAccount, ConversationReference
        from msrest.exceptions import HttpOperationError

        found: list[tuple[Person, ...]] = []

        async def callback(context: "TurnContext") -> None:
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
        body = to_activity(reply)
        url = destination.service_url
        if destination.reference:
            ref = destination.reference
            body.update(
                {
                    "from": ref.get("bot"),
                    "recipient": ref.get("user"),
                    "conversation": ref.get("conversation"),
                    "channelId": ref.get("channelId", "msteams"),
                    "serviceUrl": ref.get("serviceUrl", url),
                }
            )
            return await self.api.send(url, (ref.get("conversation") or {}).get("id", ""), body)
        tenant = destination.tenant_id
        parameters: dict[str, Any] = {"tenantId": tenant, "channelData": {"tenant": {"id": tenant}}}
        if self.settings.app_id:
            parameters["bot"] = {"id": f"28:{self.settings.app_id}"}
        if destination.channel_id:
            # One call: the post is the first activity of a new thread in the channel.
            parameters["isGroup"] = True
            parameters["channelData"]["channel"] = {"id": destination.channel_id}
            parameters["activity"] = body
            return (await self.api.create_conversation(url, parameters))[1]
        parameters["isGroup"] = False
        parameters["members"] = [{"id": destination.user_teams_id}]
        conversation, _ = await self.api.create_conversation(url, parameters)
        return await self.api.send(url, conversation, body)

    async def close(self) -> None:
        await self.api.close()

    async def _token(self) -> str | None:
        """The bot's token for the connector, from botbuilder's credentials (MSAL); None
        when the bot runs without an app id (locally, against a stand-in)."""
        if not self.settings.app_id:
            return None
        now = time.monotonic()
        if self._token_cache is None or now - self._token_cache[1] > TOKEN_REUSE_SECONDS:
            claims = self.adapter.create_claims_identity(self.settings.app_id)
            factory = self.adapter.bot_framework_authentication.create_connector_factory(claims)
            client = await factory.create(PUBLIC_SERVICE_URL)
            # MSAL fetches (blocking) on a cache miss.
            token = await asyncio.to_thread(client.config.credentials.get_access_token)
            self._token_cache = (token, now)
        return self._token_cache[0]


def _delivery_error(exc: "HttpOperationError") -> DeliveryError:
    response = exc.response
    status = int(getattr(response, "status_code", 0) or 0)
    headers = getattr(response, "headers", None)
    return DeliveryError(status, retry_after(headers), type(exc).__name__)


def _looks_like_jwt(header: str) -> bool:
    scheme, _, token = header.partition(" ")
    return scheme.lower() == "bearer" and token.count(".") == 2


async def fetch_roster(context: "TurnContext") -> tuple[Person, ...]:
    """Everyone in the team, page by page (never a single unpaged call)."""
    from botbuilder.core.teams import TeamsInfo

    people: list[Person] = []
    token: str | None = None
    while True:
        page = await TeamsInfo.get_paged_members(context, token, 500)
        people.extend(person(m.serialize()) for m in page.members or [])
        token = page.continuation_token
        if not token:
            return tuple(people)
