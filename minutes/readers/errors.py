"""The one error every reader raises for a file it will not read."""


class UnreadableDocument(ValueError):
    """The file cannot be read as minutes; the message says why, in one line, naming the file."""
