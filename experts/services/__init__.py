"""experts' writes, by area. Callers use `services.<name>` whatever the area: the names
below are the package's face (hence noqa: F401)."""

from .cv import (  # noqa: F401
    cv_approve,
    cv_publish,
    cv_save,
    expert_create,
    expert_update,
    expert_viewed,
)
