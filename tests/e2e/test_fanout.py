"""The morning announcement to 1,000 installed teams through a connector that answers 429 to
a fifth of the sends: every team gets it once, within a minute, with bounded concurrency."""

from bench.fanout import fan_out


async def test_a_thousand_teams_get_their_announcement_once_within_a_minute(
    db_url: str,
) -> None:
    result = await fan_out(teams=1000, throttle=0.2, url=db_url, limit=60)
    assert result.delivered == 1000 and result.duplicates == 0, result
    assert result.seconds < 60, result
    assert result.throttled > 0  # the connector did push back
    assert result.max_in_flight <= result.concurrency, result
