"""Funder and FunderIndexPage leave portal for Django's state only: the tables keep their portal_ names, so no row moves."""

import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('portal', '0010_vocabularies_moved_to_taxonomy'),
        ('taxonomy', '0002_content_types_from_portal'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FunderIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                    ],
                    options={
                        'verbose_name': 'funder directory',
                        'db_table': 'portal_funderindexpage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='Funder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('name_th', models.CharField(max_length=200, verbose_name='name (Thai)')),
                        ('name_en', models.CharField(blank=True, max_length=200, verbose_name='name (English)')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='web address')),
                        ('kind', models.CharField(choices=[('grant_maker', 'Grant-making foundation'), ('government_fund', 'Government fund'), ('impact_investor', 'Impact investor'), ('csr', 'Corporate CSR programme'), ('bank', 'Bank or development finance'), ('international', 'International agency')], max_length=20, verbose_name='type')),
                        ('description_th', models.TextField(blank=True, verbose_name='description (Thai)')),
                        ('description_en', models.TextField(blank=True, verbose_name='description (English)')),
                        ('ticket_min', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='smallest ticket (baht)')),
                        ('ticket_max', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='largest ticket (baht)')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('is_sample', models.BooleanField(db_index=True, default=False, editable=False, verbose_name='sample data')),
                        ('focus_sdgs', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.sdggoal', verbose_name='focus SDGs')),
                        ('focus_sectors', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.sector', verbose_name='focus organisation types')),
                        ('focus_themes', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.theme', verbose_name='focus thematic sectors')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                    ],
                    options={
                        'verbose_name': 'funder',
                        'verbose_name_plural': 'funders',
                        'db_table': 'portal_funder',
                        'ordering': ['name_th', 'pk'],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
            database_operations=[],
        ),
    ]
