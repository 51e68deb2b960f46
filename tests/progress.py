"""A stand-in for fazhi.core.progress's bar that remembers what a service told it."""


class RecordingBar:
    def __init__(self):
        self.total = None
        self.done = 0
        self.steps: list[str] = []

    def start(self, total):
        self.total = total

    def advance(self, description="", n=1):
        self.done += n
        if n:
            self.steps.append(description)
