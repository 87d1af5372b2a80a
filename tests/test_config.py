from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_use_an_sqlite_file_in_the_working_directory() -> None:
    settings = load_settings({})
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.timezone == "Europe/Copenhagen" and settings.app_type == "SingleTenant"
    assert not settings.authenticated


def test_environment_overrides_the_toml_file(tmp_path: Path) -> None:
    toml = tmp_path / "hotline.toml"
    toml.write_text('phone = "70 00 00 00"\nannounce_time = "07:30"\nrate_limit_messages = 5\n')
    settings = load_settings(
        {"HOTLINE_CONFIG": str(toml), "HOTLINE_PHONE": "70 11 11 11", "MicrosoftAppId": "app"}
    )
    assert settings.phone == "70 11 11 11"
    assert settings.announce_time == "07:30" and settings.rate_limit_messages == 5
    assert settings.authenticated


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("phone = = 1\n", "line 1"),
        ("colour = 'red'", "unknown setting(s) colour"),
        ("announce_time = '25:00'", "announce_time: expected HH:MM"),
        ("rate_limit_messages = 'many'", "rate_limit_messages: expected a number"),
        ("language = 'de'", "language: expected da or en"),
        ("database_connections = -1", "database_connections: expected 0"),
    ],
)
def test_bad_toml_is_named(tmp_path: Path, content: str, message: str) -> None:
    toml = tmp_path / "hotline.toml"
    toml.write_text(content)
    with pytest.raises(ConfigError) as err:
        load_settings({"HOTLINE_CONFIG": str(toml)})
    assert message in str(err.value)


def test_a_missing_toml_file_is_named() -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_settings({"HOTLINE_CONFIG": "/nonexistent/hotline.toml"})


@pytest.mark.parametrize(
    ("env", "allowed"),
    [
        ({}, None),
        ({"MicrosoftAppTenantId": "own"}, frozenset({"own"})),
        ({"MicrosoftAppTenantId": "own", "HOTLINE_TENANTS": "a, b,,"}, frozenset({"a", "b"})),
        ({"MicrosoftAppTenantId": "own", "HOTLINE_TENANTS": "*"}, None),
        ({"HOTLINE_TENANTS": "a"}, frozenset({"a"})),
    ],
)
def test_the_tenant_allow_list(env: dict[str, str], allowed: frozenset[str] | None) -> None:
    assert load_settings(env).allowed_tenants == allowed


def test_tenants_in_toml_are_one_string(tmp_path: Path) -> None:
    toml = tmp_path / "hotline.toml"
    toml.write_text('tenants = ["a", "b"]\n')
    with pytest.raises(ConfigError, match="tenants: expected tenant ids separated by commas"):
        load_settings({"HOTLINE_CONFIG": str(toml)})
    toml.write_text('tenants = "a,b"\n')
    assert load_settings({"HOTLINE_CONFIG": str(toml)}).allowed_tenants == {"a", "b"}


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:3978", True),
        ("http://localhost:3978/", True),
        ("http://[::1]:3978", True),
        ("http://127.8.0.1", True),
        ("https://hotline.kommune.dk", False),
        ("http://10.0.0.5:3978", False),
        ("https://localhost.kommune.dk", False),
        ("127.0.0.1:3978", False),  # no scheme: not read as loopback
    ],
)
def test_whether_the_public_url_is_loopback(url: str, loopback: bool) -> None:
    assert load_settings({"HOTLINE_PUBLIC_URL": url}).public_url_is_loopback is loopback
