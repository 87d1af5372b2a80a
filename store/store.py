"""All repositories over one session: what a dialog gets as `ctx.store`."""

from sqlalchemy.ext.asyncio import AsyncSession

from store.audit import AuditRepo
from store.cases import CaseRepo
from store.counts import CountRepo
from store.feeds import FeedRepo
from store.flows import FlowRepo
from store.join_codes import JoinCodeRepo
from store.members import MemberRepo
from store.outbox import OutboxRepo
from store.ownership import OwnershipRepo
from store.privacy import PrivacyRepo
from store.retention import RetentionRepo
from store.rota import RotaRepo
from store.swaps import SwapRepo
from store.teams import TeamRepo
from store.web_sessions import WebSessionRepo


class Store:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.teams = TeamRepo(session)
        self.members = MemberRepo(session)
        self.flows = FlowRepo(session)
        self.join_codes = JoinCodeRepo(session)
        self.audit = AuditRepo(session)
        self.outbox = OutboxRepo(session)
        self.rota = RotaRepo(session)
        self.feeds = FeedRepo(session)
        self.counts = CountRepo(session)
        self.swaps = SwapRepo(session)
        self.cases = CaseRepo(session)
        self.ownership = OwnershipRepo(session)
        self.retention = RetentionRepo(session)
        self.privacy = PrivacyRepo(session)
        self.web_sessions = WebSessionRepo(session)
