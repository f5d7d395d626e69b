"""councils' pages, by area: councils, meetings, proposals and the pages without a login."""
