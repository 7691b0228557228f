"""The three templates from the report's interview guides (appendices 1–3).

Only creates what is missing; `manage.py monitor_templates` (also run by seed_demo) refreshes
templates whose questions changed in `templates_data`.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from kapstok.monitor.templates_data import TEMPLATES

    Questionnaire = apps.get_model("monitor", "Questionnaire")
    Question = apps.get_model("monitor", "Question")
    for key, spec in TEMPLATES.items():
        if Questionnaire.objects.filter(template_key=key, is_template=True).exists():
            continue
        template = Questionnaire.objects.create(
            template_key=key,
            is_template=True,
            title=spec["title"],
            audience=spec["audience"],
            description=spec["description"],
        )
        by_key, order = {}, 0
        for section, questions in spec["sections"]:
            for row in questions:
                row = dict(row)
                key_, show_if = row.pop("key", None), row.pop("show_if", None)
                order += 10
                question = Question(questionnaire=template, order=order, section=section, **row)
                if show_if:
                    question.show_if_question = by_key[show_if["key"]]
                    question.show_if_values = show_if["values"]
                question.save()
                if key_:
                    by_key[key_] = question


class Migration(migrations.Migration):
    dependencies = [("monitor", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
