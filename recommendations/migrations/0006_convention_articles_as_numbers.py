"""Convention articles stored as their numbers ("29, 35"), written out in the reader's language
when shown (recommendations.articles): the numbers of every existing value, working and
published, are kept; the words around them ("Articles … and …") go."""

import re

from django.db import migrations, models

# A number not inside brackets ("Article 12(1)" names article 12), as recommendations.articles
# would store it.
NUMBER = re.compile(r"(?<![(\d])\d+")


def _numbers(text: str) -> str:
    return ", ".join(str(n) for n in sorted({int(n) for n in NUMBER.findall(text or "")}))


def forward(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    rows = Recommendation.objects.exclude(convention_articles="", published_convention_articles="")
    for row in rows.only("pk", "convention_articles", "published_convention_articles"):
        Recommendation.objects.filter(pk=row.pk).update(
            convention_articles=_numbers(row.convention_articles),
            published_convention_articles=_numbers(row.published_convention_articles),
        )


def backward(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    for row in Recommendation.objects.only(
        "pk", "convention_articles", "published_convention_articles"
    ):
        Recommendation.objects.filter(pk=row.pk).update(
            convention_articles=_words(row.convention_articles),
            published_convention_articles=_words(row.published_convention_articles),
        )


def _words(numbers: str) -> str:
    items = [n for n in numbers.replace(" ", "").split(",") if n]
    if not items:
        return ""
    if len(items) == 1:
        return f"Article {items[0]}"
    return f"Articles {', '.join(items[:-1])} and {items[-1]}"


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0005_assessment_reasoning_in_both_languages")]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.AlterField(
            model_name="recommendation",
            name="convention_articles",
            field=models.CharField(
                blank=True,
                help_text="The article numbers, for example: 10, 12, 15.",
                max_length=200,
                verbose_name="Convention articles",
            ),
        ),
    ]
