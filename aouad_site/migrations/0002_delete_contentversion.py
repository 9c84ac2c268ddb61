from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("aouad_site", "0001_initial")]

    operations = [migrations.DeleteModel(name="ContentVersion")]
