from experts.models.experts import AREA_CODES, CV, AssignmentType, Expert  # noqa: F401
