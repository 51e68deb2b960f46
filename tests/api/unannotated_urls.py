"""An API view the generator cannot describe (no serializer, no extend_schema), for
tests/api/test_schema.py to show that such a view fails the schema check."""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView


class Unannotated(APIView):
    def get(self, request):
        return Response({})


urlpatterns = [path("api/unannotated/", Unannotated.as_view())]
