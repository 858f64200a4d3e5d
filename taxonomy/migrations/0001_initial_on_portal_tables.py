"""The vocabularies leave portal for Django's state only: the tables keep their portal_ names, so no row moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('portal', '0009_sample_data_flag'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Province',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name_th', models.CharField(max_length=200, verbose_name='name (Thai)')),
                        ('name_en', models.CharField(max_length=200, verbose_name='name (English)')),
                        ('code', models.CharField(max_length=6, unique=True, verbose_name='ISO 3166-2 code')),
                        ('slug', models.SlugField(unique=True)),
                        ('region', models.CharField(choices=[('north', 'North'), ('northeast', 'Northeast'), ('central', 'Central'), ('east', 'East'), ('west', 'West'), ('south', 'South')], max_length=12, verbose_name='region')),
                    ],
                    options={
                        'verbose_name': 'province',
                        'verbose_name_plural': 'provinces',
                        'db_table': 'portal_province',
                        'ordering': ['name_th'],
                    },
                ),
                migrations.CreateModel(
                    name='SdgGoal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name_th', models.CharField(max_length=200, verbose_name='name (Thai)')),
                        ('name_en', models.CharField(max_length=200, verbose_name='name (English)')),
                        ('text_revision', models.CharField(blank=True, help_text='The UN document and revision the English text follows, with its date when known.', max_length=255, verbose_name='framework revision of the English text')),
                        ('thai_source', models.CharField(choices=[('official', 'Official Thai edition'), ('platform', 'Translated for this platform')], db_index=True, default='platform', help_text='Choose “Official Thai edition” only when the Thai text is copied from one; say which in the README.', max_length=10, verbose_name='source of the Thai text')),
                        ('number', models.PositiveSmallIntegerField(unique=True)),
                        ('slug', models.SlugField(unique=True)),
                        ('description_th', models.TextField(blank=True, verbose_name='description (Thai)')),
                        ('description_en', models.TextField(blank=True, verbose_name='description (English)')),
                    ],
                    options={
                        'verbose_name': 'SDG goal',
                        'verbose_name_plural': 'SDG goals',
                        'db_table': 'portal_sdggoal',
                        'ordering': ['number'],
                    },
                ),
                migrations.CreateModel(
                    name='Sector',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name_th', models.CharField(max_length=200, verbose_name='name (Thai)')),
                        ('name_en', models.CharField(max_length=200, verbose_name='name (English)')),
                        ('slug', models.SlugField(unique=True)),
                        ('sort_order', models.PositiveSmallIntegerField(default=0)),
                    ],
                    options={
                        'verbose_name': 'sector',
                        'verbose_name_plural': 'sectors',
                        'db_table': 'portal_sector',
                        'ordering': ['sort_order'],
                    },
                ),
                migrations.CreateModel(
                    name='Theme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name_th', models.CharField(max_length=200, verbose_name='name (Thai)')),
                        ('name_en', models.CharField(max_length=200, verbose_name='name (English)')),
                        ('slug', models.SlugField(unique=True)),
                        ('sort_order', models.PositiveSmallIntegerField(default=0)),
                    ],
                    options={
                        'verbose_name': 'thematic sector',
                        'verbose_name_plural': 'thematic sectors',
                        'db_table': 'portal_theme',
                        'ordering': ['sort_order'],
                    },
                ),
                migrations.CreateModel(
                    name='SdgTarget',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text_revision', models.CharField(blank=True, help_text='The UN document and revision the English text follows, with its date when known.', max_length=255, verbose_name='framework revision of the English text')),
                        ('thai_source', models.CharField(choices=[('official', 'Official Thai edition'), ('platform', 'Translated for this platform')], db_index=True, default='platform', help_text='Choose “Official Thai edition” only when the Thai text is copied from one; say which in the README.', max_length=10, verbose_name='source of the Thai text')),
                        ('number', models.CharField(max_length=8, unique=True, verbose_name='target number')),
                        ('slug', models.SlugField(unique=True)),
                        ('sort_key', models.PositiveIntegerField(db_index=True, default=0)),
                        ('text_th', models.TextField(verbose_name='target (Thai)')),
                        ('text_en', models.TextField(verbose_name='target (English)')),
                        ('goal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='taxonomy.sdggoal', verbose_name='SDG goal')),
                    ],
                    options={
                        'verbose_name': 'SDG target',
                        'verbose_name_plural': 'SDG targets',
                        'db_table': 'portal_sdgtarget',
                        'ordering': ['sort_key'],
                    },
                ),
                migrations.CreateModel(
                    name='SdgIndicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text_revision', models.CharField(blank=True, help_text='The UN document and revision the English text follows, with its date when known.', max_length=255, verbose_name='framework revision of the English text')),
                        ('thai_source', models.CharField(choices=[('official', 'Official Thai edition'), ('platform', 'Translated for this platform')], db_index=True, default='platform', help_text='Choose “Official Thai edition” only when the Thai text is copied from one; say which in the README.', max_length=10, verbose_name='source of the Thai text')),
                        ('code', models.CharField(max_length=20, unique=True, verbose_name='indicator code')),
                        ('slug', models.SlugField(unique=True)),
                        ('sort_key', models.PositiveIntegerField(db_index=True, default=0)),
                        ('name_th', models.TextField(verbose_name='indicator (Thai)')),
                        ('name_en', models.TextField(verbose_name='indicator (English)')),
                        ('source', models.CharField(choices=[('global', 'Global SDG indicator (UN)'), ('national', 'Thai national indicator'), ('platform', 'Platform indicator')], default='global', max_length=10, verbose_name='source')),
                        ('unit', models.CharField(blank=True, max_length=60, verbose_name='unit')),
                        ('target', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='indicators', to='taxonomy.sdgtarget', verbose_name='SDG target')),
                    ],
                    options={
                        'verbose_name': 'indicator',
                        'verbose_name_plural': 'indicators',
                        'db_table': 'portal_sdgindicator',
                        'ordering': ['sort_key', 'code'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
