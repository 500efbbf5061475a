"""Exceptions raised by whosaid, one class per whosaid::ErrorCode.

    try:
        whosaid.Store("not-a-database.txt")
    except whosaid.StoreError as e:
        print(e.code, e)             # "store", "...: file is not a whosaid database"
    except whosaid.Error:            # any whosaid error
        raise

The message says what went wrong, where (file, line, byte) and what to do.
"""

__all__ = ["Error", "BadInputError", "IoError", "ModelError", "StoreError", "InternalError"]


class Error(Exception):
    """Base class of every error whosaid raises (whosaid::Error in C++)."""

    code = "error"


class BadInputError(Error, ValueError):
    """A malformed record, a document over the size limit, an invalid parameter."""

    code = "bad-input"


class IoError(Error, OSError):
    """A file cannot be opened, read or written."""

    code = "io"


class ModelError(Error):
    """A lexicon or model file is missing or corrupt."""

    code = "model"


class StoreError(Error):
    """A database error: corrupt file, not a whosaid database, newer schema, read-only."""

    code = "store"


class InternalError(Error):
    """A bug in whosaid: an invariant did not hold. Please report it."""

    code = "internal"
