"""The one error type a reader raises: its message is the single line shown to the user."""


class ReadError(Exception):
    """A report that cannot be read; ``str(err)`` names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
