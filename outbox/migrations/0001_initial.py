"""The outbox table moves from moderation to this app in Django's bookkeeping only: the rows stay where they are.

Runs after moderation 0010 (the table's last change there); moderation 0011 then forgets the model.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("moderation", "0010_outbox_claimed_at_interrupted_sends"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutboxEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(help_text='One email per event, e.g. verify:42:3. Enqueueing the same key again sends nothing.', max_length=200, unique=True, verbose_name='event key')),
                        ('to', models.EmailField(max_length=254, verbose_name='to')),
                        ('reply_to', models.EmailField(blank=True, max_length=254, verbose_name='reply to')),
                        ('language', models.CharField(choices=[('th', 'ไทย'), ('en', 'English')], default='th', max_length=8, verbose_name='language')),
                        ('subject', models.CharField(max_length=255, verbose_name='subject')),
                        ('body_text', models.TextField(verbose_name='plain-text body')),
                        ('body_html', models.TextField(blank=True, verbose_name='HTML body')),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed')], db_index=True, default='pending', max_length=16, verbose_name='status')),
                        ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                        ('max_attempts', models.PositiveIntegerField(default=5, verbose_name='maximum attempts')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('next_attempt_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='next attempt at')),
                        ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='claimed for sending at')),
                        ('interrupted_sends', models.PositiveSmallIntegerField(default=0, verbose_name='interrupted sends')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                    ],
                    options={
                        'verbose_name': 'outbox email',
                        'verbose_name_plural': 'outbox emails',
                        'db_table': 'moderation_outboxemail',
                        'ordering': ['-created_at'],
                    },
                ),
            ],
            # The table "moderation_outboxemail" already exists with these columns (Meta.db_table keeps its name).
            database_operations=[],
        ),
    ]
