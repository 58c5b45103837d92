"""Deadline reminders: 30, 7 and 1 days before, and once when overdue. Safe to run hourly."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction

from . import notifications
from .models import Deadline, ReminderLog

THRESHOLDS = (1, 7, 30)  # smallest first: the reminder for the nearest threshold wins
OVERDUE = "overdue"


def threshold_for(days_left: int) -> str | None:
    """Which reminder is due today: the nearest threshold not yet passed, or overdue."""
    if days_left < 0:
        return OVERDUE
    for threshold in THRESHOLDS:
        if days_left <= threshold:
            return str(threshold)
    return None


def reminders_send(*, today: date) -> int:
    """Send every reminder that is due and not yet sent; return how many were sent."""
    horizon = today + timedelta(days=max(THRESHOLDS))
    deadlines = Deadline.objects.filter(closed_on__isnull=True, due_on__lte=horizon).select_related(
        "evaluation"
    )
    sent = 0
    for deadline in deadlines:
        threshold = threshold_for(deadline.days_left(today))
        if threshold is None:
            continue
        groups = (notifications.CONTACTS, notifications.RAPPORTEURS)
        for user in notifications.audience(deadline.evaluation, groups):
            if not user.email:
                continue
            try:
                # The unique log row is the lock: a second run, or a parallel one, stops here.
                with transaction.atomic():
                    ReminderLog.objects.create(
                        deadline=deadline,
                        threshold=threshold,
                        due_on=deadline.due_on,
                        recipient=user,
                    )
            except IntegrityError:
                continue
            notifications.send_message.enqueue(
                recipient_id=user.pk,
                template="deadline_reminder",
                evaluation_id=deadline.evaluation_id,
                deadline_id=deadline.pk,
                threshold=threshold,
            )
            sent += 1
    return sent
