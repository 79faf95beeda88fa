app_name = "procedure"

urlpatterns = []
