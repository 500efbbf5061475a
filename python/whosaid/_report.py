"""How rejected input records are reported when no on_reject callback is given."""

import warnings


class RejectedRecordWarning(UserWarning):
    """An input record was skipped (bad JSON, no text, binary file...)."""


def warn_rejected(where: str, why: str) -> None:
    warnings.warn(f"{where}: {why} (skipped)", RejectedRecordWarning, stacklevel=3)
