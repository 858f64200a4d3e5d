"""The delete-on-request records move from moderation to this app in Django's bookkeeping only: the rows stay in
moderation_deletionrecord. Runs after moderation 0011 (the table's last change there); moderation 0012 forgets it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('moderation', '0011_move_outboxemail_to_outbox'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DeletionRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('account', 'Account'), ('report', 'Impact Report')], max_length=16, verbose_name='kind')),
                        ('object_id', models.PositiveBigIntegerField(verbose_name='object id')),
                        ('owner_id', models.PositiveBigIntegerField(db_index=True, verbose_name='owner account id')),
                        ('label', models.CharField(blank=True, max_length=255, verbose_name='name')),
                        ('reason', models.TextField(verbose_name='reason')),
                        ('channel', models.CharField(choices=[('phone', 'Phone'), ('email', 'Email'), ('letter', 'Letter')], max_length=16, verbose_name='requested by')),
                        ('requested_by', models.CharField(max_length=200, verbose_name='name of the person who asked')),
                        ('deleted_at', models.DateTimeField(db_index=True, verbose_name='deleted at')),
                        ('purge_after', models.DateTimeField(db_index=True, verbose_name='permanently deleted after')),
                        ('report_ids', models.JSONField(blank=True, default=list, verbose_name='reports deleted with it')),
                        ('previously_deleted_report_ids', models.JSONField(blank=True, default=list)),
                        ('quarantined_files', models.JSONField(blank=True, default=list)),
                        ('restored_at', models.DateTimeField(blank=True, null=True, verbose_name='restored at')),
                        ('purge_started_at', models.DateTimeField(blank=True, null=True)),
                        ('purged_at', models.DateTimeField(blank=True, null=True, verbose_name='permanently deleted at')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                        ('restored_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='restored by')),
                        ('staff_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='deleted by')),
                    ],
                    options={
                        'verbose_name': 'deleted item',
                        'verbose_name_plural': 'deleted items',
                        'db_table': 'moderation_deletionrecord',
                        'ordering': ['purge_after'],
                        'indexes': [models.Index(fields=['content_type', 'object_id'], name='deletion_object')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
