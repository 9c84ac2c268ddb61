from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "aouad_site"
    verbose_name = "Site"
    default = True
