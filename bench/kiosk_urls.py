"""The product's URLs plus the baseline of bench/feedback_kiosk.py: a view that does one raw
INSERT of the request body and nothing else, behind the same middleware."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from socialwork.urls import urlpatterns as product_urlpatterns


@csrf_exempt
def bare_insert(request):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare (key, body) VALUES (gen_random_uuid(), %s)",
            [request.body.decode()],
        )
    return HttpResponse(status=201)


urlpatterns = [path("bench/bare/", bare_insert), *product_urlpatterns]
