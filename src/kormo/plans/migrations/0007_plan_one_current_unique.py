"""One current plan per office, kind and fiscal year as a partial unique index (issue 14,
item 5). Older duplicates, if a race ever left any, stop being current first: the newest
(highest id) of each office, kind and year stays current."""

from django.db import migrations, models
from django.db.models import Count, Max


def uncurrent_older_duplicates(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    current = Plan.objects.filter(is_current=True, is_template=False)
    groups = (current.values("office_id", "kind", "fiscal_year")
              .annotate(n=Count("id"), newest=Max("id")).filter(n__gt=1))
    for group in groups:
        (current.filter(office_id=group["office_id"], kind=group["kind"],
                        fiscal_year=group["fiscal_year"])
         .exclude(id=group["newest"]).update(is_current=False))


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0006_retire_progress_mirror'),
    ]

    operations = [
        migrations.RunPython(uncurrent_older_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='plan',
            constraint=models.UniqueConstraint(
                condition=models.Q(('is_current', True), ('is_template', False)),
                fields=('office', 'kind', 'fiscal_year'),
                name='plan_one_current_unique',
            ),
        ),
    ]
