"""The one exception the checker raises for input it cannot read."""


class CheckerInputError(Exception):
    """A file could not be read as a report. `message` is Chinese and meant for people."""

    def __init__(self, message: str, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}：{self.message}" if self.source else self.message
