"""Texts of the meeting reminders and the video meetings (issue 17), in Finnish, Swedish and
English side by side.

`REMINDER_TEXTS[lang][key]`; every language has the same keys. A reminder names no family,
topic or place: only that there is a meeting, and when.
"""

REMINDER_TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "reminder.text_today": "Muistutus: sinulla on perhetyön tapaaminen tänään klo {time}.",
        "reminder.text_tomorrow": "Muistutus: sinulla on perhetyön tapaaminen huomenna klo {time}.",
        "reminder.text_on_day": "Muistutus: sinulla on perhetyön tapaaminen {date} klo {time}.",
        "reminder.mail_subject": "Perhetyö: muistutus tapaamisesta",
        "reminder.mail_body": (
            "{text}\n\nTapaamisen tiedot näet kirjautumalla: {link}\n\n"
            "Muistutukset voit muuttaa asetuksista: {settings}"
        ),
        "settings.reminders": "Muistutukset tapaamisista",
        "settings.reminders_lead": (
            "Saat muistutuksen sovitusta tapaamisesta edellisenä iltana. Muistutuksessa ei "
            "mainita perhettä, aihetta eikä paikkaa, vain aika."
        ),
        "settings.reminder_push": "Ilmoituksena laitteille, joilla ilmoitukset ovat päällä",
        "settings.reminder_email": "Sähköpostina",
        "settings.reminder_sms": "Tekstiviestinä numeroon {phone}",
        "settings.reminder_sms_no_phone": (
            "Tekstiviestiä varten tarvitaan puhelinnumero. Pyydä työntekijääsi lisäämään se."
        ),
        "settings.reminder_two_hours": "Myös kaksi tuntia ennen tapaamista",
        "settings.reminders_saved": "Muistutusten asetukset tallennettu.",
        "settings.reminders_save": "Tallenna muistutukset",
        "error.sms_no_phone": "Tekstiviestimuistutus ei ole käytettävissä ilman puhelinnumeroa.",
        "video.title": "Videotapaamiset",
        "video.lead": "Liity-painike tulee näkyviin 10 minuuttia ennen tapaamisen alkua.",
        "video.join": "Liity videotapaamiseen",
        "video.opens_at": "Liity-painike avautuu klo {time}.",
        "video.no_link": "Videolinkkiä ei ole vielä lisätty.",
        "video.paste_label": "Videolinkki (https), esimerkiksi Teams-kutsun linkki",
        "video.paste_save": "Tallenna linkki",
        "video.saved": "Videolinkki tallennettu. Perhe näkee sen.",
        "video.made": "Linkki on tehty automaattisesti.",
        "video.ics_link": "Videotapaamisen linkki: {url}",
        "error.video_link_invalid": "Anna linkki, joka alkaa https:// (ei välilyöntejä).",
        "error.video_link_not_remote": "Videolinkin voi lisätä vain avoimeen etätapaamiseen.",
        "log.read_video_link": "luki videotapaamisen linkin",
        "log.set_video_link": "lisäsi videotapaamisen linkin",
    },
    "sv": {
        "reminder.text_today": "Påminnelse: du har ett möte inom familjearbetet i dag kl. {time}.",
        "reminder.text_tomorrow": (
            "Påminnelse: du har ett möte inom familjearbetet i morgon kl. {time}."
        ),
        "reminder.text_on_day": "Påminnelse: du har ett möte inom familjearbetet {date} kl. {time}.",
        "reminder.mail_subject": "Perhetyö: påminnelse om ett möte",
        "reminder.mail_body": (
            "{text}\n\nDu ser mötet när du loggar in: {link}\n\n"
            "Du kan ändra påminnelserna i inställningarna: {settings}"
        ),
        "settings.reminders": "Påminnelser om möten",
        "settings.reminders_lead": (
            "Du får en påminnelse om ett överenskommet möte kvällen före. Påminnelsen nämner "
            "varken familjen, ämnet eller platsen, bara tiden."
        ),
        "settings.reminder_push": "Som avisering på enheter där aviseringar är på",
        "settings.reminder_email": "Som e-post",
        "settings.reminder_sms": "Som textmeddelande till {phone}",
        "settings.reminder_sms_no_phone": (
            "För textmeddelanden behövs ett telefonnummer. Be din familjearbetare lägga till det."
        ),
        "settings.reminder_two_hours": "Också två timmar före mötet",
        "settings.reminders_saved": "Inställningarna för påminnelser har sparats.",
        "settings.reminders_save": "Spara påminnelserna",
        "error.sms_no_phone": "Påminnelse per textmeddelande kräver ett telefonnummer.",
        "video.title": "Videomöten",
        "video.lead": "Knappen Anslut visas 10 minuter innan mötet börjar.",
        "video.join": "Anslut till videomötet",
        "video.opens_at": "Knappen Anslut öppnas kl. {time}.",
        "video.no_link": "Ingen videolänk har lagts till ännu.",
        "video.paste_label": "Videolänk (https), till exempel länken i en Teams-inbjudan",
        "video.paste_save": "Spara länken",
        "video.saved": "Videolänken har sparats. Familjen ser den.",
        "video.made": "Länken skapades automatiskt.",
        "video.ics_link": "Länk till videomötet: {url}",
        "error.video_link_invalid": "Ange en länk som börjar med https:// (utan mellanslag).",
        "error.video_link_not_remote": "En videolänk kan bara läggas till ett öppet distansmöte.",
        "log.read_video_link": "läste videomötets länk",
        "log.set_video_link": "lade till videomötets länk",
    },
    "en": {
        "reminder.text_today": "Reminder: you have a family work meeting today at {time}.",
        "reminder.text_tomorrow": "Reminder: you have a family work meeting tomorrow at {time}.",
        "reminder.text_on_day": "Reminder: you have a family work meeting on {date} at {time}.",
        "reminder.mail_subject": "Perhetyö: a meeting reminder",
        "reminder.mail_body": (
            "{text}\n\nSign in to see the meeting: {link}\n\n"
            "You can change your reminders in the settings: {settings}"
        ),
        "settings.reminders": "Meeting reminders",
        "settings.reminders_lead": (
            "You get a reminder of an agreed meeting the evening before. It names no family, "
            "topic or place, only the time."
        ),
        "settings.reminder_push": "As a notification on devices with notifications on",
        "settings.reminder_email": "By e-mail",
        "settings.reminder_sms": "By text message to {phone}",
        "settings.reminder_sms_no_phone": (
            "Text messages need a phone number. Ask your worker to add it."
        ),
        "settings.reminder_two_hours": "Also two hours before the meeting",
        "settings.reminders_saved": "Reminder settings saved.",
        "settings.reminders_save": "Save reminders",
        "error.sms_no_phone": "Text message reminders need a phone number.",
        "video.title": "Video meetings",
        "video.lead": "The Join button appears 10 minutes before the meeting starts.",
        "video.join": "Join the video meeting",
        "video.opens_at": "The Join button opens at {time}.",
        "video.no_link": "No video link has been added yet.",
        "video.paste_label": "Video link (https), for example the link of a Teams invitation",
        "video.paste_save": "Save the link",
        "video.saved": "Video link saved. The family can see it.",
        "video.made": "The link was made automatically.",
        "video.ics_link": "Video meeting link: {url}",
        "error.video_link_invalid": "Give a link that starts with https:// (no spaces).",
        "error.video_link_not_remote": "A video link can only be added to an open remote meeting.",
        "log.read_video_link": "read a video meeting's link",
        "log.set_video_link": "added a video meeting's link",
    },
}
