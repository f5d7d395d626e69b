from socialwork.audit.context import request_context


class AuditRequestMiddleware:
    """Makes the address and page of the current request available to audit_record(), so
    that services can write complete audit rows without being handed the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_context(request):
            return self.get_response(request)
