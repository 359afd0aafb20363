"""URLs of the agreement pages (namespace `agreements`; the addresses are those the pages
always had, under /agreement/). Ids in the path are only the plan's (the permission walk fills
them); the rest travels as form fields."""

from django.urls import path

from kormo.agreements import views

app_name = "agreements"

urlpatterns = [
    path("agreement/waiting/", views.agreements_waiting, name="waiting"),
    path("agreement/waiting/bulk/", views.agreements_waiting_bulk, name="waiting_bulk"),
    path("agreement/<int:plan_id>/", views.agreement, name="detail"),
    path("agreement/<int:plan_id>/submit/", views.submit, name="submit"),
    path("agreement/<int:plan_id>/approve/", views.approve, name="approve"),
    path("agreement/<int:plan_id>/return/", views.return_, name="return"),
    path("agreement/<int:plan_id>/return/supervisor/", views.return_supervisor,
         name="return_supervisor"),
    path("agreement/<int:plan_id>/sign/office/", views.sign_office, name="sign_office"),
    path("agreement/<int:plan_id>/sign/supervisor/", views.sign_supervisor,
         name="sign_supervisor"),
    path("agreement/<int:plan_id>/revise/", views.revise, name="revise"),
    path("agreement/<int:plan_id>/compare/", views.compare, name="compare"),
]
