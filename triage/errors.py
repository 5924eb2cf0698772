"""The one exception services raise to refuse a change, with a message for the user."""


class ServiceError(ValueError):
    """A refused change; str(error) is a Dutch sentence that can be shown as it is."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
