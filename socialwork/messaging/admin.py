# Messages are not in the Django admin: a message names a client and their number, and the
# administrator role reads no client data. The outbox list (issue 4) shows administrators
# the messages' state without who they went to.
