"""The progress mirror goes (issue 11, "one store per fact"): a plan's progress lives only in
`progress.ReportedValue`, which progress 0002 filled with the rows only the mirror held."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0005_plan_submitted_late'),
        # Its mirror-only rows are copied into progress.ReportedValue first.
        ('progress', '0002_reportedvalue_one_store'),
    ]

    operations = [
        migrations.DeleteModel(name='ProgressEvidence'),
        migrations.DeleteModel(name='ProgressInput'),
        migrations.DeleteModel(name='ProgressValue'),
    ]
