from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class SiteConfig(AppConfig):
    name = "aouad_site"
    verbose_name = "Site"
    default = True


class SiteAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "aouad_site.admin.SiteAdmin"
