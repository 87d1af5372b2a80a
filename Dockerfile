# The hotline bot for production: PostgreSQL by URL, behind an HTTPS reverse proxy.
# Not built in CI (no Docker engine runs on the build machines); .ci/wheel-smoke installs the
# package the same way (requirements.lock, then the wheel without dependencies) and serves it.
# See README, "For IT".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# Every dependency, the build backend included, at the version and sha256 the lock names
# (.ci/lock writes it): a rebuild installs the same files, and a changed file fails the build.
# A layer of its own, so a code change does not reinstall them.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY dialogs ./dialogs
COPY domain ./domain
COPY rules ./rules
COPY store ./store
COPY manifest ./manifest
COPY understanding ./understanding
# --no-deps --no-build-isolation: nothing beyond the lock is fetched, not even setuptools.
# The source goes once installed, so the bot runs from the installed package, as tested.
RUN pip install --no-deps --no-build-isolation . \
    && rm -rf build *.egg-info bot dialogs domain rules store manifest understanding \
    && useradd --system --uid 10001 --home /app hotline

USER hotline
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:3978/readyz', timeout=2)" || exit 1
# 0.0.0.0 inside the container; serve refuses it unless MicrosoftAppId is set.
CMD ["sh", "-c", "hotline-bot db upgrade && hotline-bot serve --host 0.0.0.0 --port 3978 --log-format json"]
