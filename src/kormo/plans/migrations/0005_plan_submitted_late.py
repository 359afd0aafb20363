# A plan submitted after its tier's plan_submission deadline is marked late.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0004_pending_import'),
    ]

    operations = [
        migrations.AddField(
            model_name='plan',
            name='submitted_late',
            field=models.BooleanField(default=False),
        ),
    ]
