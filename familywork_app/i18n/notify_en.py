"""English texts of the notifications and the settings page (same keys as `notify_fi.py`)."""

TEXTS = {
    "notify.push_title": "Perhetyö",
    "notify.push_body": "You have something new. Open the app to see it.",
    "notify.mail_subject": "Perhetyö: you have something new",
    "notify.mail_body": (
        "Hello,\n\nSomething new is waiting for you in the family work service. Sign in to see "
        "it:\n{link}\n\nYou can turn these e-mails off in the settings:\n{settings}\n"
    ),
    "notify.no_devices": "Notifications are not on for any of your devices.",
    "error.push_invalid": "This device's notification subscription could not be saved.",
    "settings.link": "Notifications and calendar",
    "settings.title": "Notifications and calendar",
    "settings.push": "Notifications on this device",
    "settings.push_lead": (
        "A notification only says that you have something new: a new "
        "message, a changed meeting or a decision. It never shows names or "
        "what a message says."
    ),
    "settings.push_on_device": "Notifications are on for this device.",
    "settings.push_off_device": "Notifications are not on for this device.",
    "settings.devices": "Devices with notifications on: {count}",
    "settings.push_enable": "Turn on notifications on this device",
    "settings.push_disable": "Turn off notifications on this device",
    "settings.push_disable_all": "Turn off notifications on all devices",
    "settings.push_test": "Send a test notification",
    "settings.push_enabled": "Notifications were turned on for this device.",
    "settings.push_disabled": "Notifications were turned off for this device.",
    "settings.push_disabled_all": "Notifications were turned off on all devices ({count}).",
    "settings.push_unsupported": (
        "This browser does not support notifications. On an iPhone, "
        "first add the app to the home screen and open it from there."
    ),
    "settings.push_denied": (
        "The browser did not allow notifications. You can allow them in "
        "the browser's site settings."
    ),
    "settings.push_failed": "Notifications could not be turned on. Please try again.",
    "settings.test_sent": "The test notification was sent. Delivered: {sent}, failed: {failed}.",
    "settings.email": "E-mail notifications",
    "settings.email_lead": (
        "The e-mail only says that you have something new and asks you to "
        "sign in. By default no e-mails are sent."
    ),
    "settings.email_check": "Also send me an e-mail when I have something new",
    "settings.email_on": "E-mail notifications were turned on.",
    "settings.email_off": "E-mail notifications were turned off.",
    "settings.feed": "Calendar link",
    "settings.feed_lead": (
        "A private address your phone's calendar can subscribe to. It has "
        "your agreed meetings from 30 days back onward, without names or "
        "addresses. Do not share the link: whoever has it sees when your "
        "meetings are."
    ),
    "settings.feed_active": "The calendar link is in use. It was made {time}.",
    "settings.feed_none": "You have no calendar link.",
    "settings.feed_create": "Make a calendar link",
    "settings.feed_new": "Make a new link (the old one stops working)",
    "settings.feed_revoke": "Turn the calendar link off",
    "settings.feed_url": "Your calendar link. It is shown only now: copy it into your calendar.",
    "settings.feed_copy": "Copy the link",
    "settings.feed_copied": "The link was copied.",
    "settings.feed_created": "A new calendar link was made. The old link no longer works.",
    "settings.feed_revoked": "The calendar link was turned off. It no longer works.",
    # Reminders to staff (issue 16): content-free, like the notices above.
    "notify.remind_due_push": "You have something due soon on your work list. Open the app to see it.",
    "notify.remind_due_subject": "Perhetyö: something on your work list is due soon",
    "notify.remind_due_mail": (
        "Hello,\n\nSomething on your work list falls due on the next working day or soon "
        "after. Sign in to see it:\n{link}\n\nYou can turn these e-mails off in the "
        "settings:\n{settings}\n"
    ),
    "notify.remind_overdue_push": "You have something overdue on your work list. Open the app to see it.",
    "notify.remind_overdue_subject": "Perhetyö: something on your work list is overdue",
    "notify.remind_overdue_mail": (
        "Hello,\n\nSomething on your work list is past its deadline. Sign in to see it:\n"
        "{link}\n\nYou can turn these e-mails off in the settings:\n{settings}\n"
    ),
}
