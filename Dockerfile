# The hotline bot for production: PostgreSQL by URL, behind an HTTPS reverse proxy.
# Not built in CI (no Docker engine runs on the build machines); see README, "For IT".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY dialogs ./dialogs
COPY rules ./rules
COPY store ./store
COPY manifest ./manifest
RUN pip install . && useradd --system --uid 10001 --home /app hotline

USER hotline
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:3978/readyz', timeout=2)" || exit 1
# 0.0.0.0 inside the container; serve refuses it unless MicrosoftAppId is set.
CMD ["sh", "-c", "hotline-bot db upgrade && hotline-bot serve --host 0.0.0.0 --port 3978 --log-format json"]
