"""What earlier migrations refer to and the models no longer have (the loader skips this
module, whose name starts with an underscore)."""

import secrets


def evaluation_code() -> str:
    # Session codes before they became links (socialwork/links, migration 0006).
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))
