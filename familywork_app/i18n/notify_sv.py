"""Swedish texts of the notifications and the settings page (same keys as `notify_fi.py`)."""

TEXTS = {
    "notify.push_title": "Perhetyö",
    "notify.push_body": "Du har något nytt. Öppna appen för att se det.",
    "notify.mail_subject": "Perhetyö: du har något nytt",
    "notify.mail_body": (
        "Hej,\n\nI familjearbetets tjänst väntar något nytt på dig. Logga in för att se "
        "det:\n{link}\n\nDu kan stänga av dessa e-postmeddelanden i inställningarna:\n"
        "{settings}\n"
    ),
    "notify.no_devices": "Aviseringar är inte på för någon av dina enheter.",
    "error.push_invalid": "Den här enhetens prenumeration på aviseringar kunde inte sparas.",
    "settings.link": "Aviseringar och kalender",
    "settings.title": "Aviseringar och kalender",
    "settings.push": "Aviseringar på den här enheten",
    "settings.push_lead": (
        "En avisering säger bara att du har något nytt: ett nytt meddelande, "
        "ett ändrat möte eller ett beslut. Den nämner aldrig namn eller "
        "meddelandens innehåll."
    ),
    "settings.push_on_device": "Aviseringar är på för den här enheten.",
    "settings.push_off_device": "Aviseringar är inte på för den här enheten.",
    "settings.devices": "Enheter med aviseringar på: {count}",
    "settings.push_enable": "Slå på aviseringar på den här enheten",
    "settings.push_disable": "Stäng av aviseringar på den här enheten",
    "settings.push_disable_all": "Stäng av aviseringar på alla enheter",
    "settings.push_test": "Skicka en testavisering",
    "settings.push_enabled": "Aviseringar slogs på för den här enheten.",
    "settings.push_disabled": "Aviseringar stängdes av för den här enheten.",
    "settings.push_disabled_all": "Aviseringar stängdes av på alla enheter ({count}).",
    "settings.push_unsupported": (
        "Den här webbläsaren stöder inte aviseringar. På en iPhone "
        "lägger du först till appen på hemskärmen och öppnar den där."
    ),
    "settings.push_denied": (
        "Webbläsaren gav inte lov till aviseringar. Du kan tillåta dem i "
        "webbläsarens webbplatsinställningar."
    ),
    "settings.push_failed": "Aviseringarna kunde inte slås på. Försök igen.",
    "settings.test_sent": "Testaviseringen skickades. Lyckades: {sent}, misslyckades: {failed}.",
    "settings.email": "Aviseringar per e-post",
    "settings.email_lead": (
        "E-postmeddelandet säger bara att du har något nytt och ber dig "
        "logga in. Som standard skickas inga e-postmeddelanden."
    ),
    "settings.email_check": "Skicka mig också e-post när jag har något nytt",
    "settings.email_on": "Aviseringar per e-post slogs på.",
    "settings.email_off": "Aviseringar per e-post stängdes av.",
    "settings.feed": "Kalenderlänk",
    "settings.feed_lead": (
        "En privat adress som telefonens kalender kan prenumerera på. Den "
        "innehåller dina överenskomna möten från 30 dagar tillbaka och framåt, "
        "utan namn och adresser. Dela inte länken: den som har den ser när "
        "dina möten är."
    ),
    "settings.feed_active": "Kalenderlänken används. Den skapades {time}.",
    "settings.feed_none": "Du har ingen kalenderlänk.",
    "settings.feed_create": "Skapa en kalenderlänk",
    "settings.feed_new": "Skapa en ny länk (den gamla slutar fungera)",
    "settings.feed_revoke": "Stäng av kalenderlänken",
    "settings.feed_url": "Din kalenderlänk. Den visas bara nu: kopiera den till din kalender.",
    "settings.feed_copy": "Kopiera länken",
    "settings.feed_copied": "Länken kopierades.",
    "settings.feed_created": "En ny kalenderlänk skapades. Den gamla länken fungerar inte längre.",
    "settings.feed_revoked": "Kalenderlänken stängdes av. Den fungerar inte längre.",
    # Reminders to staff (issue 16): content-free, like the notices above.
    "notify.remind_due_push": "Du har något på arbetslistan som snart förfaller. Öppna appen för att se det.",
    "notify.remind_due_subject": "Perhetyö: något på din arbetslista förfaller snart",
    "notify.remind_due_mail": (
        "Hej,\n\nDu har något på arbetslistan som förfaller nästa arbetsdag eller strax "
        "därefter. Logga in för att se det:\n{link}\n\nDu kan stänga av dessa "
        "e-postmeddelanden i inställningarna:\n{settings}\n"
    ),
    "notify.remind_overdue_push": "Du har något försenat på arbetslistan. Öppna appen för att se det.",
    "notify.remind_overdue_subject": "Perhetyö: något på din arbetslista är försenat",
    "notify.remind_overdue_mail": (
        "Hej,\n\nDu har något på arbetslistan vars tidsfrist har gått ut. Logga in för att se "
        "det:\n{link}\n\nDu kan stänga av dessa e-postmeddelanden i inställningarna:\n"
        "{settings}\n"
    ),
}
