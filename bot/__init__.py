"""The hotline bot's process: the aiohttp app, the Teams edge, the scheduler, config and CLI."""
